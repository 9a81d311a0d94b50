"""The Redis store of the background queue, for installations that run Redis.

Each job is a JSON document; ready jobs wait in one sorted set per queue (scored by
when they may run) and running jobs in a `running` set scored by lease expiry. Every
state change is one Lua script, so a claim, a renewal or a recovery is atomic even with
many workers.
"""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import redis
from django.utils import timezone

from intranet.core.background.records import JobRecord
from intranet.core.background.stores import LOST_WORKER, Store

PREFIX = "intranet:tasks:"
FINISHED_TTL = 7 * 24 * 3600  # finished jobs are kept a week, like the database store

CLAIM = """
local now = tonumber(ARGV[1])
for i = 4, #ARGV do
  local queue = KEYS[1] .. 'queue:' .. ARGV[i]
  local ids = redis.call('ZRANGEBYSCORE', queue, '-inf', now, 'LIMIT', 0, 1)
  if #ids > 0 then
    local id = ids[1]
    redis.call('ZREM', queue, id)
    local job = cjson.decode(redis.call('GET', KEYS[1] .. 'job:' .. id))
    job.status = 'RUNNING'
    job.attempts = job.attempts + 1
    if job.started_at == cjson.null then job.started_at = now end
    job.last_attempted_at = now
    job.worker_id = ARGV[2]
    table.insert(job.worker_ids, ARGV[2])
    local encoded = cjson.encode(job)
    redis.call('SET', KEYS[1] .. 'job:' .. id, encoded)
    redis.call('ZADD', KEYS[1] .. 'running', now + tonumber(ARGV[3]), id)
    return encoded
  end
end
return false
"""

RENEW = """
local raw = redis.call('GET', KEYS[1] .. 'job:' .. ARGV[1])
if not raw then return 0 end
local job = cjson.decode(raw)
if job.status ~= 'RUNNING' or job.worker_id ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1] .. 'running', 'XX', tonumber(ARGV[3]), ARGV[1])
return 1
"""

FINISH = """
local raw = redis.call('GET', KEYS[1] .. 'job:' .. ARGV[1])
if not raw then return 0 end
local job = cjson.decode(raw)
if job.status ~= 'RUNNING' or job.worker_id ~= ARGV[2] then return 0 end
local outcome = cjson.decode(ARGV[3])
if outcome.error ~= cjson.null then table.insert(job.errors, outcome.error) end
job.worker_id = ''
redis.call('ZREM', KEYS[1] .. 'running', ARGV[1])
if outcome.retry_at ~= cjson.null then
  job.status = 'READY'
  job.run_after = outcome.retry_at
  redis.call('SET', KEYS[1] .. 'job:' .. ARGV[1], cjson.encode(job))
  redis.call('ZADD', KEYS[1] .. 'queue:' .. job.queue_name, outcome.retry_at, ARGV[1])
else
  job.status = outcome.status
  job.finished_at = outcome.now
  job.return_value = outcome.return_value
  redis.call('SET', KEYS[1] .. 'job:' .. ARGV[1], cjson.encode(job), 'EX', tonumber(ARGV[4]))
end
return 1
"""

RECOVER = """
local now = tonumber(ARGV[1])
local lost = cjson.decode(ARGV[2])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1] .. 'running', '-inf', now)
for _, id in ipairs(ids) do
  redis.call('ZREM', KEYS[1] .. 'running', id)
  local raw = redis.call('GET', KEYS[1] .. 'job:' .. id)
  if raw then
    local job = cjson.decode(raw)
    table.insert(job.errors, lost)
    job.worker_id = ''
    if job.attempts >= job.max_attempts then
      job.status = 'FAILED'
      job.finished_at = now
      redis.call('SET', KEYS[1] .. 'job:' .. id, cjson.encode(job), 'EX', tonumber(ARGV[3]))
    else
      job.status = 'READY'
      job.run_after = now
      redis.call('SET', KEYS[1] .. 'job:' .. id, cjson.encode(job))
      redis.call('ZADD', KEYS[1] .. 'queue:' .. job.queue_name, now, id)
    end
  end
end
return #ids
"""

TIMES = ("run_after", "enqueued_at", "started_at", "last_attempted_at", "finished_at")


def _stamp(moment: datetime | None) -> float | None:
    return moment.timestamp() if moment else None


def _moment(stamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(stamp, tz=UTC) if stamp is not None else None


class RedisStore(Store):
    def __init__(self, url: str) -> None:
        self.redis = redis.Redis.from_url(url, decode_responses=True)
        self._claim = self.redis.register_script(CLAIM)
        self._renew = self.redis.register_script(RENEW)
        self._finish = self.redis.register_script(FINISH)
        self._recover = self.redis.register_script(RECOVER)

    def _encode(self, job: JobRecord) -> str:
        data = dict(job.__dict__)
        for name in TIMES:
            data[name] = _stamp(data[name])
        return json.dumps(data)

    def _decode(self, raw: str) -> JobRecord:
        data = json.loads(raw)
        for name in TIMES:
            data[name] = _moment(data[name])
        # Lua's cjson turns empty lists into empty objects.
        for name in ("worker_ids", "errors", "args"):
            data[name] = data[name] or []
        data["kwargs"] = data["kwargs"] or {}
        return JobRecord(**data)

    def add(self, job: JobRecord) -> None:
        with self.redis.pipeline() as pipe:
            pipe.set(f"{PREFIX}job:{job.id}", self._encode(job))
            pipe.zadd(f"{PREFIX}queue:{job.queue_name}", {job.id: _stamp(job.run_after)})
            pipe.execute()

    def get(self, job_id: str) -> JobRecord | None:
        raw = self.redis.get(f"{PREFIX}job:{job_id}")
        return self._decode(raw) if raw else None

    def claim(self, *, queues: list[str], worker_id: str, lease: timedelta) -> JobRecord | None:
        raw = self._claim(keys=[PREFIX], args=[timezone.now().timestamp(), worker_id,
                                               lease.total_seconds(), *queues])
        return self._decode(raw) if raw else None

    def renew(self, job_id: str, worker_id: str, lease: timedelta) -> bool:
        until = (timezone.now() + lease).timestamp()
        return bool(self._renew(keys=[PREFIX], args=[job_id, worker_id, until]))

    def finish(self, job: JobRecord, worker_id: str, *, status: str, return_value: Any = None,
               error: dict[str, str] | None = None, retry_at: datetime | None = None) -> bool:
        outcome = {"status": status, "return_value": return_value, "error": error,
                   "retry_at": _stamp(retry_at), "now": timezone.now().timestamp()}
        return bool(self._finish(keys=[PREFIX],
                                 args=[job.id, worker_id, json.dumps(outcome), FINISHED_TTL]))

    def recover(self) -> int:
        return int(self._recover(keys=[PREFIX], args=[timezone.now().timestamp(),
                                                      json.dumps(LOST_WORKER), FINISHED_TTL]))
