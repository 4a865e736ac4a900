#!/usr/bin/env bash
# Gate: schemathesis against the app's own OpenAPI schema, served by gunicorn with DEBUG off.
# Every operation, authenticated with a manager's token; no 5xx, every response matching the schema, and
# every request the schema calls valid accepted (positive_data_acceptance). Revoking the token is left out:
# it would sign the fuzzer out half-way. Rate limits are raised so the fuzzer is not throttled.
# A fixed seed keeps CI reproducible; FUZZ_SEED=$RANDOM FUZZ_EXAMPLES=200 explores further.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
export DEBUG=0 SECRET_KEY="fuzz-$(head -c 32 /dev/urandom | base64 | tr -dc a-zA-Z0-9)-key-for-ci-only" \
       ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 STATIC_ROOT="$tmp/static" \
       LOG_LEVEL=ERROR \
       THROTTLE_ANON=100000/min THROTTLE_USER=100000/min THROTTLE_RECOMMENDATIONS=100000/min THROTTLE_TOKEN=100000/min
# (LOG_LEVEL: the fuzzer provokes thousands of expected 4xx warnings)
export DATABASE_URL="${FUZZ_DATABASE_URL:-sqlite:///$tmp/fuzz.sqlite3}"
py=.venv/bin/python
mkdir -p "$STATIC_ROOT"
$py manage.py migrate --noinput -v0
$py manage.py collectstatic --noinput -v0
$py manage.py loaddata library -v0
token=$($py manage.py shell -c "
from django.contrib.auth.models import Group, User
from rest_framework.authtoken.models import Token
user, _ = User.objects.get_or_create(username='fuzzer')
user.groups.add(Group.objects.get(name='Managers'))
print(Token.objects.get_or_create(user=user)[0].key)" | tail -1)
port=$($py -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
.venv/bin/gunicorn siyu.wsgi --bind 127.0.0.1:$port --workers 2 --log-level warning &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
.venv/bin/schemathesis --config-file .ci/schemathesis.toml run "http://127.0.0.1:$port/api/schema/" --wait-for-schema 30 \
    --header "Authorization: Token $token" --checks all --exclude-checks ignored_auth --exclude-operation-id token_destroy \
    --max-examples "${FUZZ_EXAMPLES:-30}" --seed "${FUZZ_SEED:-20261123}" --workers 1 --no-color
