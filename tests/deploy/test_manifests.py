"""The Kubernetes manifests are valid objects, and say what running the intranet needs."""

import copy

import pytest
import yaml
from kubernetes_validate import utils as kubernetes_schema

from tests.deploy.commands import known_management_commands, manage_py_command
from tests.deploy.conftest import KUBERNETES

# The oldest Kubernetes the manifests are written for (docs/operations.md), and the newest
# whose schema kubernetes-validate ships.
KUBERNETES_VERSIONS = ("1.30", kubernetes_schema.latest_version())
WORKLOADS = ("Deployment", "Job")


def named(manifests: list[dict], kind: str, name: str) -> dict:
    found = [m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name]
    assert len(found) == 1, f"one {kind} {name} expected, found {len(found)}"
    return found[0]


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def containers(workload: dict) -> list[dict]:
    spec = pod_spec(workload)
    return spec.get("initContainers", []) + spec["containers"]


def strictly_valid(document: dict, version: str) -> None:
    kubernetes_schema.validate(document, version, strict=True)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_is_a_valid_kubernetes_object(manifests, version):
    assert len(manifests) >= 12
    for document in manifests:
        strictly_valid(document, version)


def test_the_validator_refuses_a_misspelled_field(manifests):
    deployment = copy.deepcopy(named(manifests, "Deployment", "intranet-web"))
    deployment["spec"]["replica"] = deployment["spec"].pop("replicas")
    with pytest.raises(kubernetes_schema.ValidationError):
        strictly_valid(deployment, KUBERNETES_VERSIONS[-1])


def test_the_kustomization_lists_every_manifest():
    kustomization = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
    files = {path.name for path in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert sorted(kustomization["resources"]) == sorted(files)
    assert [image["name"] for image in kustomization["images"]] == ["intranet"]


def test_web_pods_are_probed_on_the_health_endpoints(manifests):
    web = named(manifests, "Deployment", "intranet-web")
    (container,) = pod_spec(web)["containers"]
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    assert ports == {"http": 8000}
    assert "--port 8000" in " ".join(container["command"])
    for probe, path in (("readinessProbe", "/health/ready/"), ("livenessProbe", "/health/live/"),
                        ("startupProbe", "/health/live/")):
        get = container[probe]["httpGet"]
        assert (get["path"], get["port"]) == (path, "http"), probe


def test_no_process_must_stay_unique(manifests):
    # The workers claim each period of a periodic job themselves: every long-running
    # process is scaled, and an upgrade runs old and new pods side by side.
    deployments = [m for m in manifests if m["kind"] == "Deployment"]
    scaled = {hpa["spec"]["scaleTargetRef"]["name"]
              for hpa in manifests if hpa["kind"] == "HorizontalPodAutoscaler"}
    assert {d["metadata"]["name"] for d in deployments} == scaled
    for deployment in deployments:
        assert deployment["spec"]["replicas"] >= 2, deployment["metadata"]["name"]
        assert deployment["spec"]["strategy"]["type"] == "RollingUpdate"


def test_the_autoscalers_target_the_web_and_worker_deployments(manifests):
    targets = {hpa["metadata"]["name"]: hpa["spec"]["scaleTargetRef"]
               for hpa in manifests if hpa["kind"] == "HorizontalPodAutoscaler"}
    assert targets["intranet-web"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                       "name": "intranet-web"}
    assert targets["intranet-worker"]["name"] == "intranet-worker"
    for name, target in targets.items():
        named(manifests, target["kind"], target["name"])
        assert named(manifests, "HorizontalPodAutoscaler", name)["spec"]["minReplicas"] >= 2


def test_the_ingress_routes_websockets_to_the_web_service(manifests):
    web = named(manifests, "Deployment", "intranet-web")
    service = named(manifests, "Service", "intranet-web")
    assert service["spec"]["selector"].items() <= web["spec"]["template"]["metadata"][
        "labels"].items()
    routes = {path["path"]: (ingress, path["backend"]["service"])
              for ingress in manifests if ingress["kind"] == "Ingress"
              for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]}
    assert set(routes) == {"/", "/ws/"}
    for _ingress, backend in routes.values():
        assert backend["name"] == "intranet-web"
        assert backend["port"]["name"] in {port["name"] for port in service["spec"]["ports"]}
    websockets = routes["/ws/"][0]["metadata"]["annotations"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(websockets[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 3600


def test_the_disruption_budget_covers_the_web_pods(manifests):
    web = named(manifests, "Deployment", "intranet-web")
    budget = named(manifests, "PodDisruptionBudget", "intranet-web")
    assert budget["spec"]["selector"]["matchLabels"] == web["spec"]["selector"]["matchLabels"]
    assert budget["spec"]["maxUnavailable"] == 1


def test_every_container_runs_unprivileged_on_a_read_only_root(manifests):
    workloads = [m for m in manifests if m["kind"] in WORKLOADS]
    assert len(workloads) == 3
    for workload in workloads:
        pod = pod_spec(workload)["securityContext"]
        assert pod["runAsNonRoot"] is True and pod["runAsUser"] > 0, workload["metadata"]
        for container in containers(workload):
            security = container["securityContext"]
            assert security.get("runAsUser", pod["runAsUser"]) > 0
            assert security["allowPrivilegeEscalation"] is False
            assert security["readOnlyRootFilesystem"] is True
            assert security["capabilities"]["drop"] == ["ALL"]
            # Python and Django's uploads write their temporary files there.
            assert "/tmp" in {mount["mountPath"] for mount in container["volumeMounts"]}
            assert container["resources"]["requests"] and container["resources"]["limits"]


def test_the_processes_run_the_commands_that_exist(manifests):
    commands = {workload["metadata"]["name"]: pod_spec(workload)["containers"][0]["command"]
                for workload in manifests if workload["kind"] in WORKLOADS}
    assert commands["intranet-web"][:2] == ["uvicorn", "intranet.asgi:application"]
    assert commands["intranet-migrate"] == ["python", "manage.py", "migrate", "--no-input"]
    run = {manage_py_command(command) for workload in manifests if workload["kind"] in WORKLOADS
           for command in (c["command"] for c in containers(workload))} - {None}
    assert run == {"migrate", "run_worker"}
    assert run - known_management_commands() == set(), "no such manage.py command"


def test_settings_come_from_names_the_settings_read(manifests, settings_variables):
    config = named(manifests, "ConfigMap", "intranet-config")["data"]
    secret = named(manifests, "Secret", "intranet-secrets")["stringData"]
    assert set(config) | set(secret) <= settings_variables
    # Addresses carry passwords: they belong to the Secret.
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "SEARCH_URL"} <= set(secret)
    assert config["DEBUG"] == "0"
    for workload in manifests:
        if workload["kind"] in WORKLOADS:
            for container in containers(workload):
                sources = [next(iter(source.values()))["name"]
                           for source in container["envFrom"]]
                assert sources == ["intranet-config", "intranet-secrets"]


def test_web_and_worker_pods_share_the_media_volume(manifests, image_env):
    claim = named(manifests, "PersistentVolumeClaim", "intranet-media")
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    for name in ("intranet-web", "intranet-worker"):
        pod = pod_spec(named(manifests, "Deployment", name))
        volumes = {v["name"]: v for v in pod["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in pod["containers"][0]["volumeMounts"]}
        media = volumes[mounts[image_env["DATA_DIR"]]]
        assert media["persistentVolumeClaim"]["claimName"] == "intranet-media"
