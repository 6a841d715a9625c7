/**
 * `npm run check:cycles`: the folders of app/, components/ and lib/ as a graph of imports (type imports
 * included), and the cycles in it. Exits 1 when there is one.
 */
import { findFolderCycles, folderGraph } from "../tests/support/folder-graph";

const graph = folderGraph(process.cwd());
const cycles = findFolderCycles(process.cwd());
for (const cycle of cycles) {
  console.log(`cycle among ${cycle.join(", ")}:`);
  for (const from of cycle) for (const to of graph.get(from) ?? []) if (cycle.includes(to)) console.log(`  ${from} → ${to}`);
}
console.log(cycles.length === 0 ? "no folder cycles" : `${cycles.length} folder cycle(s)`);
process.exit(cycles.length === 0 ? 0 : 1);
