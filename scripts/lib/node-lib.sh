# shellcheck shell=bash disable=SC2153 # ROOT, URL, ... come from the sourcing script
# The engine-independent half of a local search node script: HTTP probes, pid bookkeeping,
# locking and the start/stop/status/run commands. Sourced by scripts/search-node
# (Elasticsearch) and scripts/opensearch-node, which set the variables below and define
# ensure_dist (build var/<node>/dist) and java_cmd CONSOLE (print the java command, one word
# per line).
#
#   ROOT          the repository          NODE_LABEL    prefix of every message
#   ENGINE_LABEL  engine name for the JDK check
#   DISTRIBUTION  elasticsearch | opensearch: a node of the other engine on the port is not "up"
#   VAR DIST DATA LOGS TMPD PIDFILE PORTFILE OUT   files (see docs/search.md)
#   PORT URL TIMEOUT MAIN_CLASS
#   JAVA_HOME_VAR the name of the variable that picks the JDK (before JAVA_HOME)

log() { printf '%s: %s\n' "$NODE_LABEL" "$*"; }
die() { printf '%s: error: %s\n' "$NODE_LABEL" "$*" >&2; exit 1; }

# ------------------------------------------------------------------ java

find_java_home() {
    local h
    for h in "${!JAVA_HOME_VAR:-}" "${JAVA_HOME:-}"; do
        if [ -n "$h" ] && [ -x "$h/bin/javac" ]; then
            printf '%s\n' "$h"
            return
        fi
    done
    if command -v javac >/dev/null 2>&1; then
        h="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
        printf '%s\n' "$h"
        return
    fi
    die "no JDK found: set $JAVA_HOME_VAR or JAVA_HOME to a JDK 17+ (javac is needed)"
}

JH=""
setup_java() {
    [ -n "$JH" ] && return
    JH="$(find_java_home)"
    local v
    v="$("$JH/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
    case "$v" in
        1.*|9|1[0-6]) die "Java $v at $JH is too old; $ENGINE_LABEL needs Java 17+" ;;
    esac
}

java_spec_version() {
    "$JH/bin/java" -XshowSettings:properties -version 2>&1 | grep 'java.specification.version'
}

# ------------------------------------------------------------------ http

# http_get PATH: print the response body; fail if the node does not answer.
http_get() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 5 "$URL$1" 2>/dev/null
    else
        # bash-only fallback (HTTP/1.0, server closes the connection)
        # shellcheck disable=SC2016 # expanded by the inner bash
        timeout 5 bash -c '
            exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
            printf "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" "$2" >&3
            cat <&3' _ "$PORT" "$1" 2>/dev/null |
            tr -d '\r' | awk 'body { print } /^$/ { body = 1 } NR == 1 && $2 !~ /^2/ { exit 1 }'
    fi
}

json_field() { # json_field NAME < json : first string value of "NAME" (empty if none)
    { grep -o "\"$1\" *: *\"[^\"]*\"" || true; } | head -n1 | sed 's/.*: *"\(.*\)"/\1/'
}

health_status() {
    http_get "/_cluster/health" | json_field status
}

distribution() { # what GET / says the node is (Elasticsearch has no such field)
    local d
    d="$(http_get "/" | json_field distribution)"
    printf '%s' "${d:-elasticsearch}"
}

describe() {
    local root engine version lucene health
    root="$(http_get "/" || true)"
    version="$(printf '%s' "$root" | json_field number)"
    lucene="$(printf '%s' "$root" | json_field lucene_version)"
    engine="Elasticsearch"
    if printf '%s' "$root" | grep -q '"distribution" *: *"opensearch"'; then
        engine="OpenSearch"
    fi
    health="$(health_status || true)"
    printf '%s %s (Lucene %s) at %s, cluster health %s' \
        "$engine" "${version:-?}" "${lucene:-?}" "$URL" "${health:-unknown}"
}

is_up() { # the port answers with a yellow/green cluster
    local s
    s="$(health_status 2>/dev/null || true)"
    [ "$s" = green ] || [ "$s" = yellow ]
}

wrong_engine() { # a node answers, but not the engine this script runs (callers test is_up first)
    [ "$(distribution 2>/dev/null || true)" != "$DISTRIBUTION" ]
}

# ------------------------------------------------------------------ pid

read_pid() {
    local pid=""
    [ -f "$PIDFILE" ] && pid="$(tr -dc '0-9' <"$PIDFILE")"
    printf '%s' "$pid"
}

is_our_process() { # is_our_process PID: alive and running our launcher from this checkout
    local pid="$1" cmdline
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
    case "$cmdline" in
        *" $MAIN_CLASS"*) [[ "$cmdline" == *"-Dsearch.home=$DIST "* ]] ;;
        *) return 1 ;;
    esac
}

running_pid() { # pid of our node process, or empty
    local pid
    pid="$(read_pid)"
    if is_our_process "$pid"; then
        printf '%s' "$pid"
        return
    fi
    # no (valid) pid file: ask the node on the port for its pid
    pid="$(http_get "/_nodes/_local/process?filter_path=nodes.*.process.id" 2>/dev/null |
        grep -o '"id" *: *[0-9]*' | head -n1 | grep -o '[0-9]*$' || true)"
    if is_our_process "$pid"; then
        printf '%s' "$pid"
    fi
}

# ------------------------------------------------------------------ commands

with_lock() {
    mkdir -p "$VAR"
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$VAR/.lock"
        flock -w $((TIMEOUT + 60)) 9 || die "another $NODE_LABEL command holds $VAR/.lock"
    fi
}

wait_until_up() { # wait_until_up PID
    local pid="$1" deadline=$((SECONDS + TIMEOUT))
    while [ $SECONDS -lt $deadline ]; do
        if is_up; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            log "the node exited during startup; last lines of $OUT:" >&2
            tail -n 40 "$OUT" >&2 || true
            return 1
        fi
        sleep 1
    done
    log "not yellow/green after ${TIMEOUT}s (pid $pid still running); see $OUT and $LOGS/" >&2
    return 1
}

cmd_start() {
    with_lock
    if is_up && wrong_engine; then
        die "not $DISTRIBUTION: $(describe); choose another port"
    elif is_up; then
        log "already running: $(describe)"
        return 0
    fi
    local pid t0=$SECONDS
    pid="$(running_pid)"
    if [ -n "$pid" ] && [ "$(cat "$PORTFILE" 2>/dev/null)" != "$PORT" ]; then
        die "this checkout's node (pid $pid) runs on port $(cat "$PORTFILE" 2>/dev/null || echo '?'), not $PORT; stop it first"
    fi
    if [ -n "$pid" ]; then
        log "process $pid is already starting; waiting for it"
    else
        if http_get "/" >/dev/null 2>&1; then
            die "something else answers on $URL without a yellow/green cluster health; choose another port"
        fi
        ensure_dist
        mkdir -p "$DATA" "$LOGS" "$TMPD"
        rm -f "$PIDFILE"
        local -a cmd
        mapfile -t cmd < <(java_cmd false)
        log "starting on $URL (data: $DATA, logs: $LOGS) ..."
        printf '=== %s %s start (port %s)\n' "$(date '+%F %T')" "$NODE_LABEL" "$PORT" >>"$OUT"
        if command -v setsid >/dev/null 2>&1; then
            nohup setsid "${cmd[@]}" >>"$OUT" 2>&1 </dev/null 9>&- &
        else
            nohup "${cmd[@]}" >>"$OUT" 2>&1 </dev/null 9>&- &
        fi
        pid=$!
        # the launcher rewrites the file with its own pid once the node is started
        printf '%s\n' "$pid" >"$PIDFILE"
        printf '%s\n' "$PORT" >"$PORTFILE"
    fi
    wait_until_up "$pid" || return 1
    log "up after $((SECONDS - t0))s: $(describe) (pid $(read_pid))"
}

cmd_stop() {
    with_lock
    local pid
    pid="$(running_pid)"
    if [ -z "$pid" ]; then
        rm -f "$PIDFILE"
        if http_get "/" >/dev/null 2>&1; then
            die "$URL answers but is not a node started from $ROOT; not stopping it"
        fi
        log "not running"
        return 0
    fi
    log "stopping pid $pid ..."
    kill -TERM "$pid" 2>/dev/null || true
    local _
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "still running after 60s; sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$PIDFILE" "$PORTFILE"
    log "stopped"
}

cmd_status() {
    if is_up && ! wrong_engine; then
        log "up: $(describe) (pid $(running_pid || true))"
        return 0
    fi
    local pid
    pid="$(read_pid)"
    if is_up; then
        log "down: not $DISTRIBUTION: $(describe)"
    elif is_our_process "$pid" && [ "$(cat "$PORTFILE" 2>/dev/null)" != "$PORT" ]; then
        log "down: nothing on $URL (this checkout's node, pid $pid, uses port $(cat "$PORTFILE" 2>/dev/null || echo '?'))"
    elif is_our_process "$pid"; then
        log "down: process $pid exists but $URL is not yellow/green (starting or unhealthy)"
    else
        log "down: nothing answers on $URL"
    fi
    return 3
}

cmd_run() {
    if is_up; then
        die "already running: $(describe)"
    fi
    ensure_dist
    mkdir -p "$DATA" "$LOGS" "$TMPD"
    local -a cmd
    mapfile -t cmd < <(java_cmd true)
    exec "${cmd[@]}"
}

node_main() { # node_main "$@": dispatch the command line
    case "${1:-}" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        run) cmd_run ;;
        restart) cmd_stop && cmd_start ;;
        *)
            printf 'usage: %s start|stop|status|run|restart\n' "$(basename "$0")" >&2
            exit 2
            ;;
    esac
}
