// Stopping a server started with `detached: true` (its own process group): wrangler and the workerd it starts go
// together.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether any process of the group led by `pid` is still alive. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends SIGTERM to the process group led by `pid`, waits up to 5 s, then SIGKILL; `onKill` is told before SIGKILL. */
export async function stopProcessGroup(pid, onKill = () => {}) {
  if (!pid || !groupAlive(pid)) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {}
  for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
  if (!groupAlive(pid)) return;
  onKill();
  try {
    process.kill(-pid, "SIGKILL");
  } catch {}
  for (let i = 0; i < 30 && groupAlive(pid); i++) await sleep(100);
}
