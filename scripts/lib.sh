# Shared by stack.sh and test.sh: install and build only when needed.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

install_deps() {
  # npm ci when node_modules is missing or older than the lock file.
  if [ ! -d "$repo/node_modules" ] || [ "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]; then
    echo "==> installing npm dependencies" >&2
    (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_all() {
  # --parallel=1: each project's `tsc -b` also builds its references, so two parallel tasks could
  # write the same lib's dist/ at once.
  echo "==> building (nx run-many -t build)" >&2
  (cd "$repo" && npx nx run-many -t build --parallel=1 --outputStyle=static --skipRemoteCache >/dev/null) || {
    echo "build failed; rerun 'npm run build' to see why" >&2; return 1; }
}

check_services() {
  # PostgreSQL and Redis are the machine's own services; say clearly when one is missing.
  node -e "
    const net=require('net');
    const probe=(p)=>new Promise(r=>{const s=net.connect(p,'127.0.0.1');s.on('connect',()=>{s.end();r(true)});s.on('error',()=>r(false));});
    Promise.all([probe(5432),probe(6379)]).then(([pg,rd])=>{
      if(!pg) console.error('PostgreSQL is not answering on 127.0.0.1:5432');
      if(!rd) console.error('Redis is not answering on 127.0.0.1:6379');
      process.exit(pg&&rd?0:1);
    });" || return 1
}

# The V8 flags of an app (e.g. its heap cap), declared once in apps/<app>/package.json as fsl.nodeArgs.
node_args() {
  node -p "(require('./apps/$1/package.json').fsl?.nodeArgs ?? []).join(' ')"
}
