#!/usr/bin/env python3
"""Check every peer's objective against SEMS's and print the per-kind medians side by side as a Markdown table.

Usage: compare.py DIR

Reads DIR/sems.tsv, DIR/peers.tsv and DIR/pulp_cbc.tsv. Every result must be optimal and its objective within 1e-6
of SEMS's (GLOP) objective, relative to max(|SEMS|, 1); otherwise it lists every mismatch and exits 1. The table
gives, per model kind, the median over the models of each model's median time (ms), and SEMS's time divided by each
peer's in brackets (above 1: SEMS takes longer); reading and building times are shown without a ratio.
"""
import os
import statistics
import sys


def table(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    directory = argv[1]
    sems = {m["id"]: m for m in table(os.path.join(directory, "sems.tsv"))}
    # (column title, solver key, field): the times that are compared.
    results = {}
    for row in table(os.path.join(directory, "peers.tsv")):
        results[(row["id"], row["solver"])] = row
    for row in table(os.path.join(directory, "pulp_cbc.tsv")):
        results[(row["id"], "pulp-cbc")] = row
    problems = []
    for (model, solver), row in results.items():
        reference = float(sems[model]["objective"])
        objective = float(row["objective"])
        if row["status"] != "optimal":
            problems.append(f"{model} {solver}: status {row['status']}")
        elif not abs(objective - reference) <= 1e-6 * max(abs(reference), 1.0):
            problems.append(f"{model} {solver}: objective {objective!r} differs from SEMS's {reference!r} by "
                            f"{abs(objective - reference) / max(abs(reference), 1.0):.2e} relative")
    solvers = {s for _, s in results}
    for model in sems:
        for solver in solvers:
            if (model, solver) not in results:
                problems.append(f"{model} {solver}: no result")
    if problems:
        print("OBJECTIVE CHECK FAILED:\n  " + "\n  ".join(sorted(problems)), file=sys.stderr)
        return 1
    worst = max(abs(float(r["objective"]) - float(sems[m]["objective"])) / max(abs(float(sems[m]["objective"])), 1.0)
                for (m, _), r in results.items())
    print(f"objectives: all {len(results)} peer results optimal and within 1e-6 of SEMS's (largest relative difference {worst:.1e})",
          file=sys.stderr)

    # (title, solver, wall field, CPU field, compared with SEMS): reading and building are shown, not compared.
    columns = [
        ("SEMS: GLOP (OrToolsSolver.Solve)", None, "solve_ms", "solve_cpu_ms", False),
        ("GLPK lib: solve", "glpk-lib", "solve_ms", "cpu_ms", True),
        ("CLP lib: solve", "clp-lib", "solve_ms", "cpu_ms", True),
        ("PuLP + CBC: solve", "pulp-cbc", "solve_ms", "solve_cpu_ms", True),
        ("glpsol process", "glpsol-cli", "wall_ms", "cpu_ms", True),
        ("clp process", "clp-cli", "wall_ms", "cpu_ms", True),
        ("PuLP: build from MPS", "pulp-cbc", "build_ms", "build_cpu_ms", False),
        ("GLPK lib: read MPS", "glpk-lib", "read_ms", None, False),
        ("CLP lib: read MPS", "clp-lib", "read_ms", None, False),
    ]
    kinds = []
    for m in sems.values():
        if m["kind"] not in kinds:
            kinds.append(m["kind"])
    for title, field_index in (("wall time", 2), ("CPU time", 3)):
        shown = [c for c in columns if c[field_index] is not None]
        print(f"\n{title}, median per model kind:\n")
        print("| kind | models | variables × rows | " + " | ".join(c[0] for c in shown) + " |")
        print("|---|---:|---|" + "---:|" * len(shown))
        for kind in kinds:
            ids = [m for m, row in sems.items() if row["kind"] == kind]
            sizes = sorted({(sems[m]["variables"], sems[m]["rows"]) for m in ids})
            medians = []
            for column in shown:
                solver, field = column[1], column[field_index]
                values = [float(sems[m][field]) if solver is None else float(results[(m, solver)][field]) for m in ids]
                medians.append(statistics.median(values))
            cells = [f"{v:.2f} ms ({medians[0] / v:.2f}×)" if column[4] else f"{v:.2f} ms" for v, column in zip(medians, shown)]
            size = ", ".join(f"{v} × {r}" for v, r in sizes)
            print(f"| {kind} | {len(ids)} | {size} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
