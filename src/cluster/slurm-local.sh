#!/usr/bin/env bash
# A private one-node Slurm on this machine, for testing hashsim's cluster path for real (Debian's slurm-wlm 22.05
# and munge; recipe: ../shared/cluster/slurm-single-node.md). Everything lives in one state folder: its own munge
# key and socket, slurm.conf (found through SLURM_CONF), spool, logs, PID files and free ports, so it touches
# nothing in /etc and does not disturb another Slurm or munge on the machine. Daemons are stopped by the PIDs this
# script recorded, never by name. Needs root (slurmd launches the jobs).
#
#   src/cluster/slurm-local.sh up STATE            start munged, slurmctld, slurmd; wait until the node is idle
#   src/cluster/slurm-local.sh down STATE          stop them (TERM, then KILL after 10 s), by recorded PID
#   src/cluster/slurm-local.sh selftest            up, a 3-task array job that prints its task ids, check, down
#   src/cluster/slurm-local.sh roundtrip [--shards K] [--work DIR] [--keep] [-- HASHSIM ARGS]
#       up, the hashsim job as a Slurm array, merge, the same job on one machine, compare, down
#       --shards K        array tasks (default 3)
#       --work DIR        where the outputs go (default: a new temporary folder, removed unless --keep)
#       --keep            keep the work folder
#       HASHSIM ARGS      the job, without --out (default: ensemble scenarios/small.yaml --runs 6 --seed 1;
#                         a sweep works too: sweep scenarios/small.yaml --param ... --runs 2)
#   The round trip: `sbatch --array=0-(K-1) --wait src/cluster/slurm/ensemble.sbatch ARGS` (each task writes
#   DIR/cluster/shard-i-of-K/), `hashsim merge DIR/cluster`, `hashsim ARGS --out DIR/single`, then every CSV
#   of DIR/single (summaries, runs.csv, points.csv, points/) and its manifest.json are compared byte for byte
#   with DIR/cluster's.
#   Exit 0 when identical, 1 when not (or a step failed), 2 on bad usage, 3 when Slurm or munge is missing or
#   this is not root.
#
# Environment: SLURM_LOCAL_TIMEOUT (seconds for the array job, default 600).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
timeout_s="${SLURM_LOCAL_TIMEOUT:-600}"

say() { printf 'slurm-local: %s\n' "$*" >&2; }

need_tools() {
  local missing=()
  for t in munged munge slurmctld slurmd sbatch sinfo squeue scancel; do
    command -v "$t" >/dev/null 2>&1 || [ -x "/usr/sbin/$t" ] || missing+=("$t")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "missing ${missing[*]}: install them with apt-get install -y slurm-wlm munge"
    exit 3
  fi
  if [ "$(id -u)" -ne 0 ]; then
    say "must run as root (slurmd launches the jobs as their user)"
    exit 3
  fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Waits up to $2 seconds for file $1 to exist and be non-empty.
wait_file() {
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    [ -s "$1" ] && return 0
    sleep 0.1
  done
  return 1
}

# Records "name pid" in STATE/pids once the daemon's PID file appears.
record_pid() {
  local state="$1" name="$2" file="$3"
  if ! wait_file "$file" 15; then
    say "$name did not start (no PID file $file); its log is in $state/log"
    return 1
  fi
  echo "$name $(cat "$file")" >>"$state/pids"
}

up() {
  local state="$1"
  need_tools
  mkdir -p "$state"/{spool/slurmd,spool/slurmctld,log}
  state="$(cd "$state" && pwd)"
  chmod 755 "$state"
  : >"$state/pids"

  # munge: a private key (1024 random bytes, mode 400) and socket.
  dd if=/dev/urandom of="$state/munge.key" bs=1024 count=1 status=none
  chmod 400 "$state/munge.key"
  /usr/sbin/munged --force --socket="$state/munge.sock" --key-file="$state/munge.key" \
    --pid-file="$state/munged.pid" --log-file="$state/log/munged.log" --seed-file="$state/munged.seed" || {
    say "munged failed to start; see $state/log/munged.log"
    return 1
  }
  record_pid "$state" munged "$state/munged.pid" || return 1

  # Two free TCP ports, from 16817 up.
  local p=16817
  while ! port_free "$p" || ! port_free $((p + 1)); do p=$((p + 2)); done
  local host cpus
  host="$(hostname -s)"
  cpus="$(nproc)"
  cat >"$state/slurm.conf" <<EOF
# Written by src/cluster/slurm-local.sh: a private one-node cluster.
ClusterName=hashsimlocal
SlurmctldHost=$host
SlurmctldPort=$p
SlurmdPort=$((p + 1))
AuthType=auth/munge
AuthInfo=socket=$state/munge.sock
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmdSpoolDir=$state/spool/slurmd
StateSaveLocation=$state/spool/slurmctld
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
SlurmUser=root
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
NodeName=$host CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=main Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
  printf 'CgroupPlugin=autodetect\nIgnoreSystemd=yes\n' >"$state/cgroup.conf"
  export SLURM_CONF="$state/slurm.conf"

  /usr/sbin/slurmctld -f "$SLURM_CONF" || { say "slurmctld failed; see $state/log/slurmctld.log"; return 1; }
  record_pid "$state" slurmctld "$state/slurmctld.pid" || return 1
  /usr/sbin/slurmd -f "$SLURM_CONF" || { say "slurmd failed; see $state/log/slurmd.log"; return 1; }
  record_pid "$state" slurmd "$state/slurmd.pid" || return 1

  local i s=''
  for ((i = 0; i < 60; i++)); do
    s="$(sinfo -h -o %T 2>/dev/null)"
    [ "$s" = idle ] && break
    sleep 1
  done
  if [ "$s" != idle ]; then
    say "the node did not become idle in 60 s (state: ${s:-none}); logs in $state/log"
    return 1
  fi
  say "up: $host, $cpus CPUs, ports $p/$((p + 1)), state in $state (export SLURM_CONF=$SLURM_CONF)"
}

# Stops the daemons recorded in STATE/pids, newest first: TERM, then KILL after 10 s. A PID is only signalled
# while its command line still names this state folder (so a reused PID is never hit).
down() {
  local state="$1"
  [ -f "$state/pids" ] || return 0
  state="$(cd "$state" && pwd)"
  if [ -f "$state/slurm.conf" ]; then
    local jobs
    jobs="$(SLURM_CONF="$state/slurm.conf" squeue -h -o %i 2>/dev/null)"
    [ -n "$jobs" ] && SLURM_CONF="$state/slurm.conf" scancel $jobs 2>/dev/null
  fi
  local name pid i
  while read -r name pid; do
    [ -n "${pid:-}" ] || continue
    if ! ours "$pid" "$state"; then continue; fi
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 100; i++)); do
      ours "$pid" "$state" || break
      sleep 0.1
    done
    if ours "$pid" "$state"; then
      say "$name ($pid) did not stop in 10 s: KILL"
      kill -KILL "$pid" 2>/dev/null
    fi
  done < <(tac "$state/pids")
  : >"$state/pids"
  say "down: stopped the daemons of $state"
}

ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$2"; }

# Set by selftest and roundtrip for the EXIT trap (function locals are gone when it runs).
cleanup_state=''
cleanup_dir=''
cleanup() {
  [ -n "$cleanup_state" ] && down "$cleanup_state"
  [ -n "$cleanup_dir" ] && rm -rf "$cleanup_dir"
  return 0
}

selftest() {
  local state
  state="$(mktemp -d -t hashsim-slurm.XXXXXX)"
  cleanup_state="$state"
  cleanup_dir="$state"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  up "$state" || exit 1
  cat >"$state/hello.sh" <<'EOF'
#!/bin/bash
echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT"
EOF
  timeout "$timeout_s" sbatch --quiet --array=0-2 --wait --output="$state/hello-%a.out" "$state/hello.sh" || {
    say "the array job failed or timed out"
    exit 1
  }
  local got
  got="$(cat "$state"/hello-*.out)"
  if [ "$got" != $'task 0 of 3\ntask 1 of 3\ntask 2 of 3' ]; then
    say "unexpected output: $got"
    exit 1
  fi
  echo "selftest: 3 array tasks ran and saw their ids"
}

roundtrip() {
  local shards=3 work='' keep=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --shards) shards="$2"; shift 2 ;;
      --work) work="$2"; shift 2 ;;
      --keep) keep=1; shift ;;
      --) shift; break ;;
      *) say "roundtrip: unknown option $1 (hashsim's arguments go after --)"; exit 2 ;;
    esac
  done
  [[ "$shards" =~ ^[1-9][0-9]*$ ]] || { say "roundtrip: --shards takes a whole number >= 1"; exit 2; }
  local args=("$@")
  [ ${#args[@]} -gt 0 ] || args=(ensemble scenarios/small.yaml --runs 6 --seed 1)
  case " ${args[*]} " in *" --out "* | *" --out="* | *" --shard "* | *" --shards "*) say "roundtrip: give hashsim's arguments without --out, --shard or --shards"; exit 2 ;; esac
  if [ -z "$work" ]; then work="$(mktemp -d -t hashsim-roundtrip.XXXXXX)"; else mkdir -p "$work"; keep=1; fi
  work="$(cd "$work" && pwd)"
  local state="$work/slurm"
  cleanup_state="$state"
  [ "$keep" = 1 ] || cleanup_dir="$work"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  up "$state" || exit 1

  cd "$repo" || exit 1
  local t0=$SECONDS
  HASHSIM_DIR="$repo" HASHSIM_OUT="$work/cluster" timeout "$timeout_s" \
    sbatch --quiet --wait --array=0-$((shards - 1)) --cpus-per-task=1 --output="$work/slurm-%A_%a.out" \
    "$repo/src/cluster/slurm/ensemble.sbatch" "${args[@]}" --quiet
  local rc=$?
  if [ $rc -ne 0 ]; then
    say "the array job failed or timed out (exit $rc); task outputs:"
    cat "$work"/slurm-*.out >&2 2>/dev/null
    exit 1
  fi
  say "array job of $shards tasks done in $((SECONDS - t0)) s"
  node bin/hashsim.js merge "$work/cluster" --quiet || { say "merge failed"; exit 1; }
  node bin/hashsim.js "${args[@]}" --out "$work/single" --quiet || { say "the one-machine run failed"; exit 1; }

  # Every CSV of the one-machine folder (summaries, runs.csv, points.csv, points/...; not the per-run files)
  # and its manifest.json must be in the merged folder, byte for byte.
  local f n=0 diff=0
  # (manifest.json without its gitCommit line: the checkout may get a new commit between the two runs.)
  while IFS= read -r f; do
    n=$((n + 1))
    if ! cmp -s <(grep -v '^  "gitCommit": ' "$work/single/$f") <(grep -v '^  "gitCommit": ' "$work/cluster/$f"); then
      say "differs: $f"
      diff=1
    fi
  done < <(cd "$work/single" && find . \( -name '*.csv' -o -name manifest.json \) -not -path './runs/*' | sed 's#^\./##' | sort)
  if [ $n -eq 0 ]; then say "the one-machine run wrote no CSV file"; exit 1; fi
  if [ $diff -ne 0 ]; then exit 1; fi
  echo "roundtrip: hashsim ${args[*]} on $shards Slurm array tasks, merged: $n files (CSV and manifest.json) identical to one machine's"
}

cmd="${1:-}"
shift || true
case "$cmd" in
  up) [ $# -eq 1 ] || { say "usage: up STATE"; exit 2; }; up "$1" || { down "$1"; exit 1; } ;;
  down) [ $# -eq 1 ] || { say "usage: down STATE"; exit 2; }; down "$1" ;;
  selftest) selftest ;;
  roundtrip) roundtrip "$@" ;;
  *) say "usage: slurm-local.sh up STATE | down STATE | selftest | roundtrip [--shards K] [--work DIR] [--keep] [-- HASHSIM ARGS]"; exit 2 ;;
esac
