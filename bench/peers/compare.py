#!/usr/bin/env python3
"""Check every peer's objective against SEMS's and print the per-kind medians side by side as a Markdown table.

Usage: compare.py [--milp] DIR

Reads DIR/sems.tsv, DIR/peers.tsv and DIR/pulp_cbc.tsv. Every result must be optimal and its objective within 1e-6
of SEMS's (GLOP) objective, relative to max(|SEMS|, 1); otherwise it lists every mismatch and exits 1. The table
gives, per model kind, the median over the models of each model's median time (ms), and SEMS's time divided by each
peer's in brackets (above 1: SEMS takes longer); reading and building times are shown without a ratio.

With --milp, DIR holds prosumer MILPs (`Sems.Bench.Market --export DIR`): the reference is SEMS's own path
(ProsumerSolver.Solve); SCIP alone (sems.tsv's scip_* columns) is checked and compared like a peer; the peers are
GLPK and CBC (run_peers.py --milp) and PuLP + CBC; the table adds SEMS's solve paths per kind, rows of all models, of the models per SEMS path, and of all models'
medians summed (one baseline solve of every model).
"""
import os
import statistics
import sys


def table(path):
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def size_text(sizes):
    if len(sizes) <= 3:
        return ", ".join(f"{v} × {r}" for v, r in sizes)
    variables, rows = [int(v) for v, _ in sizes], [int(r) for _, r in sizes]
    return f"{min(variables)}–{max(variables)} × {min(rows)}–{max(rows)}"


def main(argv):
    milp = len(argv) > 1 and argv[1] == "--milp"
    if milp:
        argv = argv[:1] + argv[2:]
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
    if milp:
        for model, row in sems.items():
            results[(model, "sems-scip")] = {"status": "optimal", "objective": row["scip_objective"]}
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
        ("SEMS: ProsumerSolver.Solve", None, "solve_ms", "solve_cpu_ms", False),
        ("SEMS: SCIP alone", None, "scip_ms", "scip_cpu_ms", True),
        ("GLPK lib: glp_intopt", "glpk-lib", "solve_ms", "cpu_ms", True),
        ("CBC lib: Cbc_solve", "cbc-lib", "solve_ms", "cpu_ms", True),
        ("PuLP + CBC: solve", "pulp-cbc", "solve_ms", "solve_cpu_ms", True),
        ("glpsol process", "glpsol-cli", "wall_ms", "cpu_ms", True),
        ("cbc process", "cbc-cli", "wall_ms", "cpu_ms", True),
        ("PuLP: build from MPS", "pulp-cbc", "build_ms", "build_cpu_ms", False),
        ("GLPK lib: read MPS", "glpk-lib", "read_ms", None, False),
        ("CBC lib: read MPS", "cbc-lib", "read_ms", None, False),
    ] if milp else [
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
    # (title, models, how the models' medians are combined)
    groups = [(kind, [m for m, row in sems.items() if row["kind"] == kind], statistics.median) for kind in kinds]
    if milp:
        groups.append(("all", list(sems), statistics.median))
        for path in ("relaxation", "branch-and-bound", "scip"):
            ids = [m for m, row in sems.items() if row["path"] == path]
            if ids:
                groups.append((f"SEMS path {path}", ids, statistics.median))
        groups.append(("all, summed", list(sems), sum))
    for title, field_index in (("wall time", 2), ("CPU time", 3)):
        shown = [c for c in columns if c[field_index] is not None]
        print(f"\n{title}, median per model kind:\n")
        paths_title = "SEMS's paths (relaxation / own B&B / SCIP) | " if milp else ""
        print("| kind | models | variables × rows | " + paths_title + " | ".join(c[0] for c in shown) + " |")
        print("|---|---:|---|" + ("---|" if milp else "") + "---:|" * len(shown))
        for kind, ids, combine in groups:
            sizes = sorted({(sems[m]["variables"], sems[m]["rows"]) for m in ids})
            medians = []
            for column in shown:
                solver, field = column[1], column[field_index]
                values = [float(sems[m][field]) if solver is None else float(results[(m, solver)][field]) for m in ids]
                medians.append(combine(values))
            cells = [f"{v:.2f} ms ({medians[0] / v:.2f}×)" if column[4] else f"{v:.2f} ms" for v, column in zip(medians, shown)]
            size = size_text(sizes)
            if milp:
                paths = [sum(1 for m in ids if sems[m]["path"] == p) for p in ("relaxation", "branch-and-bound", "scip")]
                size += " | " + " / ".join(str(n) for n in paths)
            print(f"| {kind} | {len(ids)} | {size} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
