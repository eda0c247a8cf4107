"""Child process of the local engine: run one phase of a Pulumi program under the mock monitor.

Usage: python -m agent.engines.local.runner, then one JSON job per line on stdin
({"request": path, "result": path, "log": path, "timeout_s": seconds, "sandbox": {"limits", "region",
"phase", "writable", "hidden"}}, the sandbox left out to run uncontained); it answers two JSON lines per job: {"child": pid}
when the phase's child starts, {"timed_out": bool, "signal": number or null} when it ended. The
request names the project, stack, phase, region and config; the result lists the failures (program
exceptions and resource failures, located in the user's code) and the resources registered.
"""

from __future__ import annotations

import asyncio
import errno
import importlib.abc
import importlib.machinery
import json
import os
import runpy
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pulumi
from pulumi.runtime import mocks as pulumi_mocks
from pulumi.runtime import rpc
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.stack import run_pulumi_func

from agent.engines.local.moto_cloud import MotoCloud, ProvisionError
from agent.engines.local.outputs import Synthesizer
from agent.engines.local.rules import RunState, check_resource
from agent.engines.local.sandbox import Limits, become_reaper, contain, end_descendants, wait, watch

AWS_PROVIDER = "pulumi:providers:aws"
# Where the runner imports remediate from; agent.* stays importable without it, through agent's own path.
OWN_ROOT = Path(__file__).resolve().parents[3]


class EmulatedCloud(pulumi.runtime.Mocks):
    """Answers resource creation and invokes with values shaped like AWS's. On up, the types moto
    supports are created in moto, so references must resolve and AWS's own refusals surface.
    Each resource lives in its provider's region (`aws.Provider(region=...)`), so one program
    deploying the same names to several regions collides nowhere, as on AWS."""

    def __init__(self, region: str, phase: str):
        self.region = region
        self.synths = {region: Synthesizer(region)}
        self.moto = MotoCloud(region) if phase == "up" else None
        self.refusals: dict[tuple[str, str], str] = {}  # (type, name) -> AWS's error text
        self.provider_regions: dict[str, str] = {}  # an AWS provider's id -> the region it was given

    def region_of(self, provider: str | None) -> str:
        """The region of the provider a request names ("<urn>::<id>"), else the stack's."""
        return self.provider_regions.get((provider or "").rsplit("::", 1)[-1], self.region)

    def synth(self, region: str) -> Synthesizer:
        return self.synths.setdefault(region, Synthesizer(region))

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        region = self.region_of(args.provider)
        synth = self.synth(region)
        rid, state = synth.resource_state(args.typ, args.name, args.inputs)
        if args.typ == AWS_PROVIDER and isinstance(args.inputs.get("region"), str) and args.inputs["region"] != rpc.UNKNOWN:
            self.provider_regions[rid] = args.inputs["region"]
        if self.moto is None:
            return rid, state
        try:
            physical = synth.physical_name(args.typ, args.name, args.inputs)
            created = self.moto.provision(args.typ, args.name, args.inputs, physical, region)
        except ProvisionError as refusal:
            created, self.refusals[(args.typ, args.name)] = None, str(refusal)
        if not created:
            self.moto.synthesized(state)
            return rid, state
        return created["id"], {**state, **created}

    def call(self, args: pulumi.runtime.MockCallArgs):
        result = self.synth(self.region_of(args.provider)).invoke_result(args.token, args.args)
        if self.moto is not None:
            self.moto.synthesized(result)
        return result


class RecordingMonitor(pulumi_mocks.MockMonitor):
    """The mock monitor plus what the engine itself checks: duplicate URNs and AWS's rules."""

    def __init__(self, cloud: EmulatedCloud, root: Path, region: str, phase: str):
        super().__init__(cloud)
        self.root, self.region, self.phase = root, region, phase
        self.lock = threading.Lock()
        self.failures: list[dict[str, Any]] = []
        self.registered: list[dict[str, Any]] = []
        self.claimed: set[str] = set()
        self.state = RunState()  # this phase run's created resources, which later checks refer to

    def GetDeploymentInfo(self, request):
        """The mock's features less resource references: the AWS provider accepts none, so the
        engine hands it a resource given as an input (`vpc_id=vpc`) as its id, and the SDK sends
        it that way (deserializing a reference here would register a resource from this thread)."""
        info = super().GetDeploymentInfo(request)
        features = [f for f in info.supportedFeatures if f != resource_pb2.RESOURCE_MONITOR_FEATURE_RESOURCE_REFERENCES]
        return resource_pb2.DeploymentInfo(supportedFeatures=features)

    def SupportsFeature(self, request):
        if request.id == "resourceReferences":
            return type("SupportsFeatureResponse", (object,), {"hasSupport": False})
        return super().SupportsFeature(request)

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """URNs as the engine writes them: the root stack is no part of a child's type chain."""
        if parent.split("::")[2:3] == ["pulumi:pulumi:Stack"]:
            parent = ""
        return super().make_urn(parent, type_, name)

    def RegisterResource(self, request):
        if request.type == "pulumi:pulumi:Stack":
            return super().RegisterResource(request)
        urn = self.make_urn(request.parent, request.type, request.name)
        file, line = self._location(request)
        with self.lock:  # registrations run on several threads: check and claim the URN at once
            duplicate = urn in self.claimed
            self.claimed.add(urn)
        if duplicate:
            self._fail(f"Duplicate resource URN '{urn}'; try giving it a unique name", request, file, line)
            return super().RegisterResource(request)
        response = super().RegisterResource(request)
        inputs = rpc.deserialize_properties(request.object)
        if request.custom:
            self.state.record_created(request.type, rpc.deserialize_properties(response.object))
            region = self.mocks.region_of(request.provider)
            messages = check_resource(self.state, request.type, request.name, inputs, region, self.phase)
            refusal = self.mocks.refusals.pop((request.type, request.name), None)
            for message in messages or ([refusal] if refusal else []):
                self._fail(message, request, file, line)
        with self.lock:
            self.registered.append({"urn": urn, "type": request.type, "name": request.name, "file": file, "line": line})
        return response

    def _fail(self, message: str, request, file: str | None, line: int | None) -> None:
        with self.lock:
            self.failures.append(
                {"message": message, "resource_type": request.type, "resource_name": request.name, "file": file, "line": line}
            )

    def _location(self, request) -> tuple[str | None, int | None]:
        """The innermost frame of the user's code that created the resource."""
        frames = [frame.pc for frame in request.stackTrace.frames if frame.pc.uri]
        if request.sourcePosition.uri:
            frames.insert(0, request.sourcePosition)
        for position in frames:
            rel = _relative(self.root, unquote(urlparse(position.uri).path))
            if rel is not None:
                return rel, position.line
        return None, None


def _relative(root: Path, path: str) -> str | None:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return None


def _innermost_project_frame(exc: BaseException, root: Path) -> tuple[str | None, int | None]:
    """Where in the project the exception arose; the SDK re-raises failures of callbacks
    (`raise exn from cause`), so the user's frame may be in the cause's traceback."""
    for current in (exc, exc.__cause__, exc.__context__):
        found = None
        for frame in traceback.extract_tb(current.__traceback__) if current is not None else ():
            rel = _relative(root, frame.filename)
            if rel is not None:
                found = (rel, frame.lineno)
        if found:
            return found
    return None, None


def _refused_write(exc: BaseException) -> str | None:
    """The path of a write the read-only file system outside the working copy refused, if that
    is what ended the program (the SDK may re-raise it as the cause of its own error)."""
    for current in (exc, exc.__cause__, exc.__context__):
        if isinstance(current, OSError) and current.errno == errno.EROFS:
            return str(current.filename)
    return None


NETWORK_TOOLS = frozenset({"pip", "pip3", "uv", "poetry", "npm", "yarn", "curl", "wget", "git"})


def _refused_download(exc: BaseException) -> str | None:
    """A command the program ran at deploy time that fetches from the network (a Lambda package's
    `pip install --target ...`) and failed: in the network-less sandbox, that is the sandbox's refusal,
    not the program's fault, and is named so (the command as the program gave it)."""
    if not isinstance(exc, subprocess.CalledProcessError):
        return None
    command = [str(part) for part in exc.cmd] if isinstance(exc.cmd, list | tuple) else shlex.split(str(exc.cmd))
    if not any(Path(part).name in NETWORK_TOOLS for part in command[:3]):  # pip, or python -m pip
        return None
    return shlex.join(command)


def exception_failure(exc: BaseException, root: Path) -> dict[str, Any]:
    """A program exception as Pulumi prints it, located at the innermost frame in the project."""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    name = type(exc).__name__
    module = type(exc).__module__
    qualified = name if module in ("builtins", "__main__") else f"{module}.{name}"
    message = text if text.startswith(name) or text.startswith(qualified) else f"{qualified}: {exc}"
    file, line = _innermost_project_frame(exc, root)
    refused = _refused_write(exc)
    if refused is not None:
        message = f"write outside the working copy refused: {refused}"
    download = _refused_download(exc)
    if download is not None:
        message = f"network access refused: `{download}` needs the network, and the local engine runs a program without it"
    if isinstance(exc, SyntaxError):
        message = f"{name}: {exc.msg}"
        file, line = (_relative(root, exc.filename), exc.lineno) if exc.filename else (file, line)
    return {
        "message": message,
        "file": file,
        "line": line,
        "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    }


def entry_script(root: Path, main: str | None) -> Path:
    target = root / main if main else root
    return target / "__main__.py" if target.is_dir() or not main else target


class _ProgramsOwnModules(importlib.abc.MetaPathFinder):
    """Top-level names of a checkout's own folders (config, tests, fixers) found on the program's
    path only, never through remediate's root or its editable install: a module the program lacks
    is missing here, as on a real deploy."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if path is not None or fullname not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname)
        if spec is None:
            raise ModuleNotFoundError(f"No module named '{fullname}'", name=fullname)
        return spec


def _forget_own_packages() -> None:
    """remediate's root leaves the program's path, and what a warm runner forked from remediate holds
    of its other folders leaves sys.modules. agent stays: the runner is made of it."""
    sys.path[:] = [entry for entry in sys.path if Path(entry).resolve() != OWN_ROOT]
    own = {path.name for path in OWN_ROOT.iterdir() if path.is_dir() and path.name.isidentifier()} - {"agent"}
    for name in [name for name in sys.modules if name.split(".")[0] in own]:
        del sys.modules[name]
    sys.meta_path.insert(0, _ProgramsOwnModules(own))


def run(request: dict[str, Any]) -> dict[str, Any]:
    root = Path(request["root"])
    script = entry_script(root, request.get("main"))
    if not script.is_file():
        return {
            "failures": [
                {"message": f"python: can't open file '{script}': [Errno 2] No such file or directory", "file": "Pulumi.yaml", "line": None}
            ],
            "resources": [],
        }
    os.chdir(script.parent)
    environment = request.get("environment", {})
    os.environ.update(environment)
    if (OWN_ROOT / "pyproject.toml").is_file():
        _forget_own_packages()
    sys.path[:0] = [str(script.parent), *filter(None, environment.get("PYTHONPATH", "").split(os.pathsep))]
    sys.path += request.get("package_paths", [])  # last: remediate's own pulumi and pulumi_aws win
    pulumi.runtime.set_all_config(request["config"], request.get("secret_keys", []))
    cloud = EmulatedCloud(request["region"], request["phase"])
    monitor = RecordingMonitor(cloud, root, request["region"], request["phase"])
    pulumi.runtime.set_mocks(
        cloud, project=request["project"], stack=request["stack"], preview=request["phase"] == "preview", monitor=monitor
    )
    failures: list[dict[str, Any]] = []
    loop = asyncio.get_event_loop()
    try:
        loop.run_until_complete(run_pulumi_func(lambda: runpy.run_path(str(script), run_name="__main__")))
    except BaseException as exc:  # noqa: BLE001 - any program failure is a result, reported as data
        failures.append(exception_failure(exc, root))
    return {"failures": monitor.failures + failures, "resources": monitor.registered}


def run_to_file(request_path: str, result_path: str, log_path: str) -> None:
    """Run one phase in this process (a fresh fork), its output kept out of the protocol's pipe."""
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    request = json.loads(Path(request_path).read_text())
    result = run(request)
    result["modules"] = used_services()
    Path(result_path).write_text(json.dumps(result, default=str))


def serve() -> None:
    """Fork one child per request so each phase starts from a pristine runtime, while the
    pulumi_aws modules earlier phases imported stay warm in this parent."""
    become_reaper()
    for line in sys.stdin:
        job = json.loads(line)
        if "warm" in job:  # services the next phases use: imported here once, shared by every child
            import_services(job["warm"])
            continue
        deadline = time.monotonic() + job["timeout_s"]
        home = tempfile.mkdtemp(prefix="remediate-home-")
        told, tell = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(tell)
                # The program starts only once the engine knows this child's pid: a program that kills
                # the runner at once still leaves the engine a process group to kill.
                if os.read(told, 1):
                    if job.get("sandbox"):
                        _contained(job["sandbox"], home)
                    run_to_file(job["request"], job["result"], job["log"])
            finally:
                os._exit(0)  # the SDK may leave threads behind; the result is written
        os.close(told)
        _answer({"child": pid})
        os.write(tell, b"1")
        os.close(tell)
        sandbox = job.get("sandbox")
        if sandbox and os.geteuid() == 0:  # the kernel exempts root from the process limit: hold it here
            ended, killed_by, over_processes = watch(pid, deadline, sandbox["limits"]["processes"])
        else:
            (ended, killed_by), over_processes = wait(pid, deadline), False
        end_descendants(pid)  # on time or not: nothing the program started outlives its phase
        shutil.rmtree(home, ignore_errors=True)
        _warm(job["result"])
        _answer({"timed_out": not ended, "signal": killed_by, "over_processes": over_processes})


def _contained(settings: dict[str, Any], home: str) -> None:
    contain(Limits(**settings["limits"]), home, settings["region"], settings["writable"], settings["hidden"], settings.get("readable", []))
    if settings["phase"] == "preview":  # up starts its own MotoCloud; boto3 calls in preview land in moto too
        from moto import mock_aws

        mock_aws().start()


def _answer(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def _warm(result_path: str) -> None:
    """Load the pulumi_aws service modules the program used."""
    try:
        services = json.loads(Path(result_path).read_text()).get("modules", [])
    except (OSError, ValueError):
        return
    import_services(services)


def used_services() -> list[str]:
    """The pulumi_aws services this process loaded. pulumi_aws registers every service as a lazy module
    in sys.modules; only a loaded one has imported its own modules (pulumi_aws.ec2.vpc)."""
    return sorted({name.split(".")[1] for name in sys.modules if name.startswith("pulumi_aws.") and name.count(".") >= 2})


def import_services(services: list[str]) -> None:
    """Load pulumi_aws service modules. A lazy module loads on its first attribute read, but not on
    introspection (`__file__`, `__spec__`, `__name__`...: pulumi/_utils.py _INTROSPECTION_ATTRS); and
    importing its submodules by name would leave the lazy package half-initialised."""
    import pulumi_aws

    for service in services:
        try:
            hasattr(getattr(pulumi_aws, service), "_utilities")  # every service module imports it
        except Exception:  # noqa: BLE001 - warming is an optimisation only; a name that is no service is skipped
            pass


if __name__ == "__main__":
    serve()
