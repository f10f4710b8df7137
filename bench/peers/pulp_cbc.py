#!/usr/bin/env python3
"""PuLP + CBC on the exported models: build each PuLP model from its MPS file, then solve it with CBC.

Usage: pulp_cbc.py DIR [repeats=3]

For each model in DIR/sems.tsv, `repeats` times: build_ms is `pulp.LpProblem.fromMPS(<id>.mps)` (reading the file
and creating PuLP's variables, constraints and objective), solve_ms is `problem.solve(COIN_CMD(cbc))`: PuLP writes
the model for CBC, runs the `cbc` executable, reads its solution back (a MILP stays one: PuLP reads the MPS file's
integer markers). Writes DIR/pulp_cbc.tsv: id, status,
objective, and the medians of build_ms and solve_ms (wall) and of build_cpu_ms and solve_cpu_ms (CPU time: this
thread's, plus for the solve the cbc process's user + system time). Needs PuLP (Debian: python3-pulp) and cbc (coinor-cbc).
"""
import os
import resource
import shutil
import statistics
import sys
import time

import pulp


def children_cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    directory = argv[1]
    repeats = int(argv[2]) if len(argv) == 3 else 3
    if repeats < 1:
        sys.exit(f"repeats: {repeats} is not a whole number >= 1")
    cbc = shutil.which("cbc")
    if cbc is None:
        sys.exit("pulp_cbc.py: no cbc executable on PATH (Debian: apt-get install coinor-cbc)")
    with open(os.path.join(directory, "sems.tsv")) as f:
        f.readline()
        ids = [line.split("\t")[0] for line in f if line.strip()]
    rows = []
    for model in ids:
        path = os.path.join(directory, model + ".mps")
        builds, solves, build_cpu, solve_cpu, status, objective = [], [], [], [], None, None
        for _ in range(repeats):
            cpu, start = time.thread_time(), time.perf_counter()
            _, problem = pulp.LpProblem.fromMPS(path, sense=pulp.LpMinimize)
            builds.append((time.perf_counter() - start) * 1000)
            build_cpu.append((time.thread_time() - cpu) * 1000)
            cpu, children, start = time.thread_time(), children_cpu_ms(), time.perf_counter()
            problem.solve(pulp.COIN_CMD(path=cbc, msg=False))
            solves.append((time.perf_counter() - start) * 1000)
            solve_cpu.append((time.thread_time() - cpu) * 1000 + children_cpu_ms() - children)
            status, objective = pulp.LpStatus[problem.status].lower(), pulp.value(problem.objective)
        rows.append(f"{model}\t{status}\t{objective!r}\t{statistics.median(builds):.3f}\t{statistics.median(solves):.3f}"
                    f"\t{statistics.median(build_cpu):.3f}\t{statistics.median(solve_cpu):.3f}")
    with open(os.path.join(directory, "pulp_cbc.tsv"), "w") as f:
        f.write("id\tstatus\tobjective\tbuild_ms\tsolve_ms\tbuild_cpu_ms\tsolve_cpu_ms\n" + "\n".join(rows) + "\n")
    print(f"PuLP {pulp.__version__}: {len(rows)} results in {os.path.join(directory, 'pulp_cbc.tsv')}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
