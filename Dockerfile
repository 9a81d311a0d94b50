# The intranet's image: one image for every process (web, worker, migrations),
# the command choosing which; docs/operations.md ("Containers") lists them.
#   docker build -t intranet .

# The builder: a virtual environment with the suite and its production engines, the French
# catalogue compiled, the static files collected. Only those two directories go further.
FROM python:3.11-slim AS builder
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md ./
COPY intranet ./intranet
RUN pip install ".[opensearch,redis]"
# From here on, the installed package, not the sources.
WORKDIR /opt
# compilemessages finds every locale directory under the working directory: the package's.
RUN cd "$(python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/intranet" \
    && django-admin compilemessages
# Settings refuse to load without these when DEBUG is off; they serve this step only.
RUN DJANGO_SETTINGS_MODULE=intranet.settings SECRET_KEY=collectstatic-only \
    ALLOWED_HOSTS=localhost DATA_DIR=/tmp/build-data STATIC_ROOT=/opt/static \
    django-admin collectstatic --no-input -v 0

# The runtime: the same Python, no compiler nor gettext, a user without privileges.
FROM python:3.11-slim AS runtime
# HOME is /tmp, the one place written to when the root filesystem is read-only.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=intranet.settings \
    STATIC_ROOT=/opt/static \
    DATA_DIR=/var/lib/intranet \
    HOME=/tmp
# Media (MEDIA_ROOT and PRIVATE_MEDIA_ROOT default under DATA_DIR) belong to the app's user,
# so that a volume mounted there starts with the right owner.
RUN groupadd --system --gid 10001 intranet \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin intranet \
    && install -d -o 10001 -g 10001 /var/lib/intranet /var/lib/intranet/media \
       /var/lib/intranet/private-media
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /opt/static /opt/static
WORKDIR /app
COPY manage.py ./
USER 10001:10001
EXPOSE 8000
# The web process; workers and migrations override the command.
CMD ["uvicorn", "intranet.asgi:application", "--host", "0.0.0.0", "--port", "8000", \
     "--ws", "websockets", "--proxy-headers", "--forwarded-allow-ips=*"]
