#!/usr/bin/env python3
"""Solve every exported model with GLPK and COIN-OR CLP, as command-line tools and in-process through their C libraries.

Usage: run_peers.py [--milp] DIR [repeats=3]

DIR holds <id>.mps and <id>.lp files and sems.tsv (written by `Sems.Bench.Coordination --export-lp DIR`). For each
model listed in sems.tsv, `repeats` times each:
  glpsol-cli  `glpsol --freemps <id>.mps -w <tmp>`: wall time of the whole process (start, read, scale, simplex, write),
              objective from the solution file (15 significant digits)
  clp-cli     `clp <id>.mps -solve`: wall time of the whole process, objective from its "Optimal objective" line
  glpk-lib    libglpk through ctypes: glp_read_mps (timed apart, as read_ms), then timed together as solve_ms what
              glpsol does by default: glp_scale_prob(GLP_SF_AUTO), glp_adv_basis, glp_simplex (primal, no presolve)
  clp-lib     libClp's C interface through ctypes: Clp_readMps (read_ms), then Clp_initialSolve (solve_ms: presolve,
              the dual or primal simplex as CLP chooses, postsolve), as `clp -solve` does
Writes DIR/peers.tsv: id, solver, status, objective, and the medians over the repeats of read_ms, solve_ms, wall_ms
(the CLI rows have only wall_ms, the library rows only read_ms and solve_ms) and cpu_ms: for the CLI rows the process's
user + system CPU time (getrusage of the children), for the library rows this thread's CPU time during solve_ms
(time.thread_time). CPU time does not grow while other processes hold the cores. Python 3 standard library only.

With --milp the models are MILPs (written by `Sems.Bench.Market --export DIR`) and the solvers are MILP solvers:
  glpsol-cli  `glpsol --freemps <id>.mps -w <tmp>`: glpsol's default MIP path (glp_intopt with its presolver, branch
              and cut, a gap of 0), objective from the solution file's "s mip" line (or "s bas" for a model
              without integer columns, which glpsol solves as an LP)
  cbc-cli     `cbc <id>.mps -solve -quit`: wall time of the whole process, objective from its "Objective value" line
              (a model without integer columns is solved as by clp: its "Optimal objective" line)
  glpk-lib    glp_read_mps (read_ms), then as solve_ms what glpsol does with a MIP: glp_intopt with the MIP presolver
              on (it scales, solves the relaxation, then branch and cut, a gap of 0); a model without integer columns
              goes the LP way above
  cbc-lib     libCbcSolver's C interface: Cbc_readMps (read_ms), then Cbc_solve (solve_ms: CBC's default, as `cbc -solve`)
"""
import ctypes
import ctypes.util
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def models(directory):
    with open(os.path.join(directory, "sems.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        return [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f if line.strip()]


def children_cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def timed_run(command):
    """Runs a command; returns it, its wall time and the CPU time (user + system) of the process, ms."""
    cpu = children_cpu_ms()
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    return run, (time.perf_counter() - start) * 1000, children_cpu_ms() - cpu


def glpsol_cli(mps, scratch):
    solution = os.path.join(scratch, "glpsol.sol")
    run, wall, cpu = timed_run(["glpsol", "--freemps", mps, "-w", solution])
    if run.returncode != 0:
        raise RuntimeError(f"glpsol failed on {mps}: {run.stdout[-500:]}{run.stderr[-500:]}")
    with open(solution) as f:
        line = next(l for l in f if l.startswith("s "))
    # s bas ROWS COLS PRIMAL DUAL OBJ; 'f' = feasible; both feasible = optimal
    parts = line.split()
    status = "optimal" if parts[4] == "f" and parts[5] == "f" else f"primal {parts[4]}, dual {parts[5]}"
    return status, float(parts[6]), None, None, wall, cpu


def glpsol_mip_cli(mps, scratch):
    solution = os.path.join(scratch, "glpsol.sol")
    run, wall, cpu = timed_run(["glpsol", "--freemps", mps, "-w", solution])
    if run.returncode != 0:
        raise RuntimeError(f"glpsol failed on {mps}: {run.stdout[-500:]}{run.stderr[-500:]}")
    with open(solution) as f:
        line = next(l for l in f if l.startswith("s "))
    # s mip ROWS COLS STATUS OBJ; 'o' = integer optimal. A model without integer columns is an LP to glpsol: s bas …
    parts = line.split()
    if parts[1] == "bas":
        status = "optimal" if parts[4] == "f" and parts[5] == "f" else f"primal {parts[4]}, dual {parts[5]}"
        return status, float(parts[6]), None, None, wall, cpu
    status = "optimal" if parts[4] == "o" else f"mip status {parts[4]}"
    return status, float(parts[5]), None, None, wall, cpu


def cbc_cli(mps):
    run, wall, cpu = timed_run(["cbc", mps, "-solve", "-quit"])
    result = re.search(r"^Result - (.*)$", run.stdout, re.MULTILINE)
    match = re.search(r"^Objective value:\s+(\S+)", run.stdout, re.MULTILINE)
    lp = re.search(r"^Optimal objective (\S+)", run.stdout, re.MULTILINE)
    if result is None and lp is not None and run.returncode == 0:
        return "optimal", float(lp.group(1)), None, None, wall, cpu  # no integer column: cbc solves it as CLP does
    if run.returncode != 0 or result is None or match is None:
        return "no result: " + (run.stdout.strip().splitlines() or ["(no output)"])[-1], float("nan"), None, None, wall, cpu
    status = "optimal" if result.group(1).startswith("Optimal solution found") else result.group(1)
    return status, float(match.group(1)), None, None, wall, cpu


def clp_cli(mps):
    run, wall, cpu = timed_run(["clp", mps, "-solve"])
    match = re.search(r"^Optimal objective (\S+)", run.stdout, re.MULTILINE)
    if run.returncode != 0 or match is None:
        return "not optimal: " + run.stdout.strip().splitlines()[-1], float("nan"), None, None, wall, cpu
    return "optimal", float(match.group(1)), None, None, wall, cpu


class Glpk:
    GLP_MPS_FILE, GLP_SF_AUTO, GLP_OPT, GLP_OFF = 2, 0x80, 5, 0

    def __init__(self):
        self.lib = ctypes.CDLL(ctypes.util.find_library("glpk") or "libglpk.so.40")
        lib = self.lib
        lib.glp_create_prob.restype = ctypes.c_void_p
        lib.glp_delete_prob.argtypes = [ctypes.c_void_p]
        lib.glp_read_mps.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p]
        lib.glp_scale_prob.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.glp_adv_basis.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.glp_simplex.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.glp_get_status.argtypes = [ctypes.c_void_p]
        lib.glp_get_obj_val.argtypes = [ctypes.c_void_p]
        lib.glp_get_obj_val.restype = ctypes.c_double
        lib.glp_intopt.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.glp_mip_status.argtypes = [ctypes.c_void_p]
        lib.glp_mip_obj_val.argtypes = [ctypes.c_void_p]
        lib.glp_mip_obj_val.restype = ctypes.c_double
        lib.glp_version.restype = ctypes.c_char_p
        lib.glp_term_out(self.GLP_OFF)
        # glp_smcp is a few dozen fields plus reserved space; 4 KiB is far more than it needs. msg_lev is its first int.
        self.parm = ctypes.create_string_buffer(4096)
        lib.glp_init_smcp(self.parm)
        ctypes.c_int.from_buffer(self.parm, 0).value = 0  # GLP_MSG_OFF
        # glp_iocp likewise: msg_lev is its first int, presolve the int at byte 96 (GLPK 5.0 on x86-64; glp_init_iocp's
        # defaults otherwise: a MIP gap of 0). glpsol solves a MIP with the MIP presolver on, and so does this.
        self.iocp = ctypes.create_string_buffer(4096)
        lib.glp_init_iocp(self.iocp)
        ctypes.c_int.from_buffer(self.iocp, 0).value = 0
        ctypes.c_int.from_buffer(self.iocp, 96).value = 1  # GLP_ON
        lib.glp_get_num_int.argtypes = [ctypes.c_void_p]

    def version(self):
        return self.lib.glp_version().decode()

    def solve(self, mps, integer=False):
        lib = self.lib
        problem = lib.glp_create_prob()
        try:
            start = time.perf_counter()
            if lib.glp_read_mps(problem, self.GLP_MPS_FILE, None, mps.encode()) != 0:
                raise RuntimeError(f"glp_read_mps could not read {mps}")
            read = (time.perf_counter() - start) * 1000
            cpu, start = time.thread_time(), time.perf_counter()
            if integer and lib.glp_get_num_int(problem) > 0:
                # glpsol's MIP path: glp_intopt with its presolver, which scales and solves the relaxation itself.
                code = lib.glp_intopt(problem, self.iocp)
                solve, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
                status = "optimal" if code == 0 and lib.glp_mip_status(problem) == self.GLP_OPT else f"glp_intopt {code}, status {lib.glp_mip_status(problem)}"
                return status, lib.glp_mip_obj_val(problem), read, solve, None, cpu
            lib.glp_scale_prob(problem, self.GLP_SF_AUTO)
            lib.glp_adv_basis(problem, 0)
            code = lib.glp_simplex(problem, self.parm)
            solve, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
            status = "optimal" if code == 0 and lib.glp_get_status(problem) == self.GLP_OPT else f"glp_simplex {code}, status {lib.glp_get_status(problem)}"
            return status, lib.glp_get_obj_val(problem), read, solve, None, cpu
        finally:
            lib.glp_delete_prob(problem)


class Clp:
    def __init__(self):
        self.lib = ctypes.CDLL(ctypes.util.find_library("Clp") or "libClp.so.1")
        lib = self.lib
        lib.Clp_newModel.restype = ctypes.c_void_p
        lib.Clp_deleteModel.argtypes = [ctypes.c_void_p]
        lib.Clp_readMps.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
        lib.Clp_setLogLevel.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.Clp_initialSolve.argtypes = [ctypes.c_void_p]
        lib.Clp_status.argtypes = [ctypes.c_void_p]
        lib.Clp_objectiveValue.argtypes = [ctypes.c_void_p]
        lib.Clp_objectiveValue.restype = ctypes.c_double
        lib.Clp_Version.restype = ctypes.c_char_p

    def version(self):
        return self.lib.Clp_Version().decode()

    def solve(self, mps):
        lib = self.lib
        model = lib.Clp_newModel()
        try:
            lib.Clp_setLogLevel(model, 0)
            start = time.perf_counter()
            if lib.Clp_readMps(model, mps.encode(), 1, 0) != 0:
                raise RuntimeError(f"Clp_readMps could not read {mps}")
            read = (time.perf_counter() - start) * 1000
            cpu, start = time.thread_time(), time.perf_counter()
            code = lib.Clp_initialSolve(model)
            solve, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
            status = "optimal" if lib.Clp_status(model) == 0 else f"Clp_initialSolve {code}, status {lib.Clp_status(model)}"
            return status, lib.Clp_objectiveValue(model), read, solve, None, cpu
        finally:
            lib.Clp_deleteModel(model)


class Cbc:
    def __init__(self):
        self.lib = ctypes.CDLL(ctypes.util.find_library("CbcSolver") or "libCbcSolver.so.3")
        lib = self.lib
        lib.Cbc_newModel.restype = ctypes.c_void_p
        lib.Cbc_deleteModel.argtypes = [ctypes.c_void_p]
        lib.Cbc_readMps.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.Cbc_setLogLevel.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.Cbc_solve.argtypes = [ctypes.c_void_p]
        lib.Cbc_isProvenOptimal.argtypes = [ctypes.c_void_p]
        lib.Cbc_getObjValue.argtypes = [ctypes.c_void_p]
        lib.Cbc_getObjValue.restype = ctypes.c_double
        lib.Cbc_getVersion.restype = ctypes.c_char_p

    def version(self):
        return self.lib.Cbc_getVersion().decode()

    def solve(self, mps):
        lib = self.lib
        model = lib.Cbc_newModel()
        try:
            lib.Cbc_setLogLevel(model, 0)
            start = time.perf_counter()
            if lib.Cbc_readMps(model, mps.encode()) != 0:
                raise RuntimeError(f"Cbc_readMps could not read {mps}")
            read = (time.perf_counter() - start) * 1000
            cpu, start = time.thread_time(), time.perf_counter()
            code = lib.Cbc_solve(model)
            solve, cpu = (time.perf_counter() - start) * 1000, (time.thread_time() - cpu) * 1000
            status = "optimal" if code == 0 and lib.Cbc_isProvenOptimal(model) else f"Cbc_solve {code}, proven optimal {lib.Cbc_isProvenOptimal(model)}"
            return status, lib.Cbc_getObjValue(model), read, solve, None, cpu
        finally:
            lib.Cbc_deleteModel(model)


def main(argv):
    milp = len(argv) > 1 and argv[1] == "--milp"
    if milp:
        argv = argv[:1] + argv[2:]
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    directory = argv[1]
    repeats = int(argv[2]) if len(argv) == 3 else 3
    if repeats < 1:
        sys.exit(f"repeats: {repeats} is not a whole number >= 1")
    glpk = Glpk()
    if milp:
        cbc = Cbc()
        print(f"GLPK library {glpk.version()}, CBC library {cbc.version()} (MILP)", file=sys.stderr)
        solvers = {"glpsol-cli": lambda mps, scratch: glpsol_mip_cli(mps, scratch), "cbc-cli": lambda mps, _: cbc_cli(mps),
                   "glpk-lib": lambda mps, _: glpk.solve(mps, integer=True), "cbc-lib": lambda mps, _: cbc.solve(mps)}
    else:
        clp = Clp()
        print(f"GLPK library {glpk.version()}, CLP library {clp.version()}", file=sys.stderr)
        solvers = {"glpsol-cli": glpsol_cli, "clp-cli": lambda mps, _: clp_cli(mps),
                   "glpk-lib": lambda mps, _: glpk.solve(mps), "clp-lib": lambda mps, _: clp.solve(mps)}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for model in models(directory):
            mps = os.path.join(directory, model["id"] + ".mps")
            runs = {solver: [] for solver in solvers}
            for _ in range(repeats):
                for solver, solve in solvers.items():
                    runs[solver].append(solve(mps, scratch))
            for solver, results in runs.items():
                def median(k):
                    values = [r[k] for r in results if r[k] is not None]
                    return f"{statistics.median(values):.3f}" if values else ""
                statuses = {r[0] for r in results}
                status = results[0][0] if len(statuses) == 1 else "differs between repeats: " + ", ".join(sorted(statuses))
                rows.append([model["id"], solver, status, repr(results[-1][1]), median(2), median(3), median(4), median(5)])
    with open(os.path.join(directory, "peers.tsv"), "w") as f:
        f.write("id\tsolver\tstatus\tobjective\tread_ms\tsolve_ms\twall_ms\tcpu_ms\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} results in {os.path.join(directory, 'peers.tsv')}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
