/**
 * A POSIX shell script that runs a program as its child and ends it when the process that started the
 * shell is gone, however that process died (`kill -9`, the OOM killer, `timeout -s KILL`): Node cannot ask
 * the kernel for a parent-death signal, and execa's `cleanup` only runs when Node exits normally. The
 * shell checks every 0.5 s that its parent is alive; TERM, INT and HUP are forwarded to the program, and
 * the shell exits with the program's status as soon as the program is gone. Its first stderr line is
 * `dlcm-watchdog: child <pid>`, the program's process id. Arguments: the program, then its arguments.
 *
 * Usage: execa("/bin/sh", ["-c", PARENT_WATCHDOG, "watchdog", program, ...args]).
 */
export const PARENT_WATCHDOG = `
parent=$PPID
"$@" &
child=$!
echo "dlcm-watchdog: child $child" >&2
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit $?' TERM INT HUP
while kill -0 "$child" 2>/dev/null; do
  if ! kill -0 "$parent" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    sleep 2
    kill -KILL "$child" 2>/dev/null
    exit 137
  fi
  # Backgrounded so that a forwarded signal interrupts the wait at once; off the pipes, or a sleep left
  # behind holds them open (and execa's promise) for up to 0.5 s after the program is gone.
  sleep 0.5 </dev/null >/dev/null 2>&1 &
  wait $!
done
wait "$child"
`;
