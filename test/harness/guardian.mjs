// Watches a parent process; when it is gone, stops what it was guarding.
// Usage: node guardian.mjs <parentPid> <targetPid> [group|pid]
// group: SIGKILL to the target's whole process group (Keycloak's java and its shell);
// pid: SIGINT to the target alone (PostgreSQL's postmaster: a fast shutdown that stops its children).
const [parentArg, targetArg, mode = 'group'] = process.argv.slice(2);
const parentPid = Number(parentArg);
const targetPid = Number(targetArg);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const timer = setInterval(() => {
  if (!alive(targetPid)) process.exit(0);
  if (alive(parentPid)) return;
  try {
    if (mode === 'group') process.kill(-targetPid, 'SIGKILL');
    else process.kill(targetPid, 'SIGINT');
  } catch {
    // already gone
  }
  clearInterval(timer);
  process.exit(0);
}, 1000);
