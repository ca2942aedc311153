"""The deployment files: services/*/Dockerfile, docker-compose.yml and deploy/k8s/.

No cluster, no Docker daemon, no network. deploy/k8s/ is rendered with tests/unit/kustomize_render.py
(exactly the kustomize features the overlays use; compared with ``kubectl kustomize`` wherever kubectl is
installed), every rendered object is validated against the Kubernetes JSON schemas (kubernetes-validate,
strict), the KEDA custom resources by hand, and then the things a reviewer looks for are asserted.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from shared.broker import ConsumerTopology

Obj = dict[str, Any]

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
OVERLAYS = ("development", "production")
# service -> HTTP port (the services' defaults; see ARCHITECTURE.md)
SERVICES = {"gateway": 8000, "tickets": 8001, "notifier": 8002, "webhooks": 8003, "github-sync": 8004}
MIGRATION_ORDER = ("tickets", "notifier", "webhooks", "github-sync", "gateway")  # as `make migrate`
HPA_SERVICES = {"gateway", "tickets"}  # CPU-scaled HTTP services
# KEDA-scaled consumers -> the queues their ScaledObject must watch (exchange "tickets" at least)
QUEUE_SCALED = {
    "notifier": {("tickets", "ticket.#"), ("identity", "user.#")},
    "webhooks": {("tickets", "ticket.#")},
    "github-sync": {("tickets", "ticket.#")},
}
REQUIRED_QUEUES = {"notifier.ticket-events", "webhooks.ticket-events", "github-sync.ticket-events"}
# The oldest Kubernetes the manifests claim to support and the newest schemas kubernetes-validate has.
KUBERNETES_VERSIONS = ("1.29.0", "1.37.0")


def _load_renderer() -> ModuleType:
    # pytest runs with --import-mode=importlib: tests/unit is not on sys.path, so load the helper by path.
    path = Path(__file__).with_name("kustomize_render.py")
    spec = importlib.util.spec_from_file_location("kustomize_render", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


kr = _load_renderer()


# --- helpers -------------------------------------------------------------------------------------------


@functools.cache
def render(overlay: str) -> list[Obj]:
    return kr.render(K8S / "overlays" / overlay)  # type: ignore[no-any-return]


def objects(overlay: str, kind: str) -> list[Obj]:
    return [o for o in render(overlay) if o["kind"] == kind]


def one(overlay: str, kind: str, name: str) -> Obj:
    found = [o for o in objects(overlay, kind) if o["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind}/{name} in {overlay}, found {len(found)}"
    return found[0]


def ours(obj: Obj) -> bool:
    labels: dict[str, str] = obj["metadata"].get("labels", {})
    return labels.get("app.kubernetes.io/part-of") == "revenge-support"


def pod_spec(workload: Obj) -> Obj:
    return workload["spec"]["template"]["spec"]  # type: ignore[no-any-return]


def config(overlay: str) -> dict[str, str]:
    """The settings ConfigMap every Deployment reads (after the overlay's merge)."""
    names = {
        source["configMapRef"]["name"]
        for deployment in objects(overlay, "Deployment")
        if ours(deployment)
        for source in pod_spec(deployment)["containers"][0].get("envFrom", [])
        if "configMapRef" in source
    }
    assert len(names) == 1, names
    return one(overlay, "ConfigMap", names.pop())["data"]  # type: ignore[no-any-return]


def selects(selector: Obj, labels: dict[str, str]) -> bool:
    """A LabelSelector (matchLabels, matchExpressions with In/NotIn/Exists) against LABELS."""
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        key, operator = expression["key"], expression["operator"]
        if operator == "In" and labels.get(key) not in expression["values"]:
            return False
        if operator == "NotIn" and labels.get(key) in expression["values"]:
            return False
        if operator == "Exists" and key not in labels:
            return False
    return True


@functools.cache
def console_scripts() -> dict[str, str]:
    """Every console script of the five service packages -> the service that provides it."""
    scripts = {}
    for service in SERVICES:
        pyproject = tomllib.loads((ROOT / "services" / service / "pyproject.toml").read_text())
        for script in pyproject["project"].get("scripts", {}):
            scripts[script] = service
    return scripts


def image_service(image: str) -> str | None:
    """The service an image belongs to (…/revenge-support/<service>[:tag]), or None if not ours."""
    name = kr.split_image(image)[0]
    match = re.search(r"revenge-support/([a-z-]+)$", name)
    return match.group(1) if match and match.group(1) in SERVICES else None


def dockerfile(service: str) -> list[tuple[str, str]]:
    """The (INSTRUCTION, arguments) pairs of a service's Dockerfile, continuation lines joined."""
    text = (ROOT / "services" / service / "Dockerfile").read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            instruction, _, arguments = line.strip().partition(" ")
            instructions.append((instruction.upper(), " ".join(arguments.split())))
    return instructions


@functools.cache
def compose() -> Obj:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def compose_app_services() -> dict[str, Obj]:
    """The compose services built from our Dockerfiles (the services and their migrate steps)."""
    return {name: svc for name, svc in compose()["services"].items() if "build" in svc}


# --- the renderer --------------------------------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_renderer_matches_kubectl_kustomize(overlay: str) -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed; the renderer's own tests still run")
    result = subprocess.run(
        [kubectl, "kustomize", str(K8S / "overlays" / overlay)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr

    def by_id(objs: list[Obj]) -> dict[tuple[str, str, str], Obj]:
        return {(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"]): o for o in objs}

    expected = by_id([o for o in yaml.safe_load_all(result.stdout) if o])
    actual = by_id(render(overlay))
    assert sorted(actual) == sorted(expected)
    for key, obj in expected.items():
        assert actual[key] == obj, f"{key} differs from kubectl kustomize"


def test_content_hash_is_kustomizes() -> None:
    # Suffixes that `kubectl kustomize` (kustomize v5.5) gave for these generators.
    assert kr.content_hash({"kind": "ConfigMap", "data": {"a": "b"}}) == "4h2mbtbbt6"
    assert kr.content_hash({"kind": "ConfigMap"}) == "6ct58987ht"


def test_renderer_refuses_what_it_does_not_implement(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("commonLabels:\n  a: b\n")
    with pytest.raises(kr.Unsupported, match="commonLabels"):
        kr.render(tmp_path)


def test_strategic_merge_merges_containers_by_name_and_replaces_other_lists() -> None:
    base: Obj = {
        "containers": [{"name": "app", "image": "x", "args": ["a"]}, {"name": "side", "image": "y"}],
        "tolerations": [{"key": "a"}],
        "drop": {"me": 1},
    }
    kr.strategic_merge(
        base,
        {"containers": [{"name": "app", "args": ["b"]}], "tolerations": [{"key": "b"}], "drop": None},
    )
    assert base == {
        "containers": [{"name": "app", "image": "x", "args": ["b"]}, {"name": "side", "image": "y"}],
        "tolerations": [{"key": "b"}],
    }


# --- schemas -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_object_matches_the_kubernetes_schema(overlay: str) -> None:
    import kubernetes_validate

    failures = []
    for obj in render(overlay):
        if obj["apiVersion"].startswith("keda.sh/"):
            continue  # custom resources: test_keda_objects_are_complete
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(obj, version, strict=True)
            except kubernetes_validate.ValidationError as exc:
                path = ".".join(str(p) for p in exc.path)
                failures.append(f"{obj['kind']}/{obj['metadata']['name']} ({version}) {path}: {exc}")
    assert not failures, "\n".join(failures)


def test_secret_templates_are_valid_placeholders_only() -> None:
    import kubernetes_validate

    path = K8S / "base" / "secrets.example.yaml"
    secrets = [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    for secret in secrets:
        kubernetes_validate.validate(secret, KUBERNETES_VERSIONS[-1], strict=True)
        for key, value in secret["stringData"].items():
            assert "<" in value, f"{secret['metadata']['name']}.{key} must stay a <placeholder>"
    base = yaml.safe_load((K8S / "base" / "kustomization.yaml").read_text())
    assert path.name not in base["resources"]
    # ... and they are exactly the Secrets the workloads read.
    referenced = {
        source["secretRef"]["name"]
        for workload in [*objects("production", "Deployment"), *objects("production", "Job")]
        for container in [*pod_spec(workload).get("initContainers", []), *pod_spec(workload)["containers"]]
        for source in container.get("envFrom", [])
        if "secretRef" in source
    }
    assert {s["metadata"]["name"] for s in secrets} == referenced


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_keda_objects_are_complete(overlay: str) -> None:
    deployments = {d["metadata"]["name"] for d in objects(overlay, "Deployment")}
    auths = {a["metadata"]["name"]: a for a in objects(overlay, "TriggerAuthentication")}
    for auth in auths.values():
        assert auth["apiVersion"] == "keda.sh/v1alpha1"
        refs = auth["spec"]["secretTargetRef"]
        assert refs
        for ref in refs:
            assert set(ref) == {"parameter", "name", "key"}
    assert {a["spec"]["secretTargetRef"][0]["key"] for a in auths.values()} == {"AMQP_URL"}

    scaled = objects(overlay, "ScaledObject")
    assert {s["metadata"]["name"] for s in scaled} == set(QUEUE_SCALED)
    for obj in scaled:
        spec = obj["spec"]
        assert obj["apiVersion"] == "keda.sh/v1alpha1"
        assert spec["scaleTargetRef"]["name"] in deployments
        assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
        assert spec["triggers"]
        for trigger in spec["triggers"]:
            metadata = trigger["metadata"]
            assert all(isinstance(v, str) for v in metadata.values()), "KEDA metadata values are strings"
            if trigger["type"] == "rabbitmq":
                assert metadata["mode"] in ("QueueLength", "MessageRate")
                assert metadata["protocol"] in ("amqp", "auto")
                assert metadata["queueName"]
                assert float(metadata["value"]) > 0
                assert trigger["authenticationRef"]["name"] in auths
            else:
                assert trigger["type"] in ("cpu", "memory")
                assert trigger["metricType"] == "Utilization"


# --- workloads -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_deployments_have_probes_resources_and_a_locked_down_pod(overlay: str) -> None:
    deployments = {d["metadata"]["name"]: d for d in objects(overlay, "Deployment") if ours(d)}
    assert set(deployments) == set(SERVICES)
    for name, deployment in deployments.items():
        port = SERVICES[name]
        spec = pod_spec(deployment)
        (container,) = spec["containers"]
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports == {"http": port}
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        assert env["PORT"] == str(port)

        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["startupProbe"]["httpGet"]["path"] == "/healthz"
        for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
            probe_port = container[probe]["httpGet"]["port"]
            if isinstance(probe_port, str):  # a named port
                probe_port = ports[probe_port]
            assert probe_port == port, f"{name} {probe}"

        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"])
        assert "memory" in resources["limits"]

        pod_security = spec["securityContext"]
        assert pod_security["runAsNonRoot"] is True
        assert pod_security["runAsUser"] != 0
        security = container["securityContext"]
        assert security["allowPrivilegeEscalation"] is False
        assert security["readOnlyRootFilesystem"] is True
        assert security["capabilities"]["drop"] == ["ALL"]
        assert spec["automountServiceAccountToken"] is False
        assert spec.get("topologySpreadConstraints") or spec.get("affinity", {}).get("podAntiAffinity")

        # A read-only root file system needs a writable /tmp (uploads spool there).
        volumes = {v["name"]: v for v in spec["volumes"]}
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        assert "emptyDir" in volumes[mounts["/tmp"]]
        sources = container["envFrom"]
        assert any("configMapRef" in s for s in sources)
        assert {s["secretRef"]["name"] for s in sources if "secretRef" in s} == {
            "revenge-common",
            f"revenge-{name}",
        }
    # tickets keeps its attachments on the claim, where ATTACHMENTS_DIR points.
    tickets = pod_spec(deployments["tickets"])
    claim = next(v for v in tickets["volumes"] if "persistentVolumeClaim" in v)
    mount = next(m for m in tickets["containers"][0]["volumeMounts"] if m["name"] == claim["name"])
    assert mount["mountPath"] == config(overlay)["ATTACHMENTS_DIR"]
    pvc = one(overlay, "PersistentVolumeClaim", claim["persistentVolumeClaim"]["claimName"])
    expected_mode = "ReadWriteMany" if overlay == "production" else "ReadWriteOnce"
    assert pvc["spec"]["accessModes"] == [expected_mode]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_has_a_service_and_a_disruption_budget(overlay: str) -> None:
    for name, port in SERVICES.items():
        pod_labels = one(overlay, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
        service = one(overlay, "Service", name)
        assert selects({"matchLabels": service["spec"]["selector"]}, pod_labels)
        assert [p["port"] for p in service["spec"]["ports"]] == [port]
        budgets = [p for p in objects(overlay, "PodDisruptionBudget") if ours(p)]
        matching = [p for p in budgets if selects(p["spec"]["selector"], pod_labels)]
        assert len(matching) == 1, f"{name} needs exactly one PodDisruptionBudget"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_only_the_gateway_is_exposed(overlay: str) -> None:
    backends = {
        path["backend"]["service"]["name"]
        for ingress in objects(overlay, "Ingress")
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    }
    assert backends == {"gateway"}
    for service in objects(overlay, "Service"):
        assert service["spec"].get("type", "ClusterIP") == "ClusterIP", service["metadata"]["name"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_autoscaling_hpa_for_http_and_keda_for_consumers(overlay: str) -> None:
    hpas = objects(overlay, "HorizontalPodAutoscaler")
    assert {h["spec"]["scaleTargetRef"]["name"] for h in hpas} == HPA_SERVICES
    for hpa in hpas:
        assert hpa["apiVersion"] == "autoscaling/v2"
        assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    scaled_targets = {s["spec"]["scaleTargetRef"]["name"] for s in objects(overlay, "ScaledObject")}
    assert scaled_targets == set(QUEUE_SCALED)
    assert not scaled_targets & HPA_SERVICES, "KEDA and an HPA must not fight over one Deployment"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_scaled_objects_watch_the_real_consumer_queues(overlay: str) -> None:
    prefix = config(overlay)["BROKER_PREFIX"]
    for scaled in objects(overlay, "ScaledObject"):
        service = scaled["spec"]["scaleTargetRef"]["name"]
        watched = {t["metadata"]["queueName"] for t in scaled["spec"]["triggers"] if t["type"] == "rabbitmq"}
        expected = {
            ConsumerTopology(prefix=prefix, service=service, source=source, bindings=(binding,)).queue_name
            for source, binding in QUEUE_SCALED[service]
        }
        assert watched == expected
    watched_everywhere = {
        t["metadata"]["queueName"]
        for s in objects(overlay, "ScaledObject")
        for t in s["spec"]["triggers"]
        if t["type"] == "rabbitmq"
    }
    assert {prefix + q for q in REQUIRED_QUEUES} <= watched_everywhere


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_migration_job_runs_every_migrate_command_in_order(overlay: str) -> None:
    (job,) = objects(overlay, "Job")
    spec = pod_spec(job)
    steps = [*spec["initContainers"], *spec["containers"]]
    assert len(spec["containers"]) == 1, "init containers run in order; the last step is the main one"
    assert [c["command"] for c in steps] == [[f"revenge-{s}"] for s in MIGRATION_ORDER]
    assert all(c["args"] == ["migrate"] for c in steps)
    assert spec["restartPolicy"] in ("Never", "OnFailure")
    assert spec["securityContext"]["runAsNonRoot"] is True
    for service, step in zip(MIGRATION_ORDER, steps, strict=True):
        deployment = pod_spec(one(overlay, "Deployment", service))["containers"][0]
        assert step["image"] == deployment["image"], "a migration runs the image it prepares for"
        assert step["securityContext"]["readOnlyRootFilesystem"] is True
        secrets = {s["secretRef"]["name"] for s in step["envFrom"] if "secretRef" in s}
        assert f"revenge-{service}" in secrets


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_containers_run_the_services_console_scripts(overlay: str) -> None:
    for workload in [*objects(overlay, "Deployment"), *objects(overlay, "Job")]:
        spec = pod_spec(workload)
        for container in [*spec.get("initContainers", []), *spec["containers"]]:
            service = image_service(container["image"])
            if service is None:
                continue  # the development overlay's PostgreSQL, RabbitMQ, Mailpit
            command = container["command"]
            assert console_scripts().get(command[0]) == service, command
            assert container.get("args", ["serve"]) in (["serve"], ["migrate"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_deny_by_default_and_admit_only_the_gateway(overlay: str) -> None:
    policies = objects(overlay, "NetworkPolicy")
    assert any(
        p["spec"]["podSelector"] == {}
        and set(p["spec"]["policyTypes"]) == {"Ingress", "Egress"}
        and not p["spec"].get("ingress")
        and not p["spec"].get("egress")
        for p in policies
    ), "a default-deny policy"

    def peers_admitting(labels: dict[str, str]) -> list[Obj]:
        return [
            peer
            for p in policies
            if selects(p["spec"]["podSelector"], labels) and p["spec"].get("ingress")
            for rule in p["spec"]["ingress"]
            for peer in rule.get("from", [{}])
        ]

    def namespace_of(peer: Obj) -> str | None:
        if set(peer) != {"namespaceSelector"}:
            return None
        labels: dict[str, str] = peer["namespaceSelector"].get("matchLabels", {})
        return labels.get("kubernetes.io/metadata.name")

    for name in SERVICES:
        labels = one(overlay, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
        peers = peers_admitting(labels)
        assert peers, f"{name} must admit someone"
        for peer in peers:
            if name == "gateway":
                assert namespace_of(peer) in ("ingress-nginx", "monitoring"), peer
            else:
                from_gateway = peer == {"podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}}
                assert from_gateway or namespace_of(peer) == "monitoring", f"{name} admits {peer}"

    def egress_ports(name: str) -> set[int]:
        labels = one(overlay, "Deployment", name)["spec"]["template"]["metadata"]["labels"]
        ports: set[int] = set()
        for p in policies:
            if "Egress" in p["spec"]["policyTypes"] and selects(p["spec"]["podSelector"], labels):
                for rule in p["spec"].get("egress", []):
                    if not rule.get("ports"):
                        ports.add(-1)  # everything (the development webhooks policy)
                    for port in rule.get("ports", []):
                        ports.update(range(port["port"], port.get("endPort", port["port"]) + 1))
        return ports

    for name in SERVICES:
        assert {53, 5432, 5672} <= egress_ports(name), name
    assert {25, 465, 587} <= egress_ports("notifier")
    assert {443} <= egress_ports("github-sync")
    assert {443} <= egress_ports("webhooks") or -1 in egress_ports("webhooks")
    assert {8001, 8002, 8003, 8004} <= egress_ports("gateway")
    assert 443 not in egress_ports("tickets"), "tickets has no business on the internet"


# --- overlays ------------------------------------------------------------------------------------------


def test_production_overlay_is_production() -> None:
    overlay = "production"
    settings = config(overlay)
    assert settings["ENVIRONMENT"] == "production"
    assert settings["PUBLIC_URL"].startswith("https://")
    assert settings["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] == "false"
    # ... and nothing else turns it on: no other ConfigMap, no container's own env.
    for config_map in objects(overlay, "ConfigMap"):
        assert config_map["data"].get("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false") == "false"
    for workload in [*objects(overlay, "Deployment"), *objects(overlay, "Job")]:
        spec = pod_spec(workload)
        for container in [*spec.get("initContainers", []), *spec["containers"]]:
            env = {e["name"]: e.get("value") for e in container.get("env", [])}
            assert env.get("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false") == "false"
    for deployment in objects(overlay, "Deployment"):
        assert deployment["spec"]["replicas"] >= 2, deployment["metadata"]["name"]
        image = pod_spec(deployment)["containers"][0]["image"]
        name, tag, digest = kr.split_image(image)
        assert "." in name.split("/")[0], f"{image}: push to a registry"
        assert digest or (tag and tag not in ("latest", "dev")), f"{image}: pin a release tag"
    for hpa in objects(overlay, "HorizontalPodAutoscaler"):
        assert hpa["spec"]["minReplicas"] >= 2
    for scaled in objects(overlay, "ScaledObject"):
        assert scaled["spec"]["minReplicaCount"] >= 2
    assert not objects(overlay, "Secret"), "production Secrets are created outside this repository"
    (namespace,) = objects(overlay, "Namespace")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    assert {o["metadata"].get("namespace") for o in render(overlay) if o["kind"] != "Namespace"} == {
        namespace["metadata"]["name"]
    }


def test_development_overlay_is_development() -> None:
    overlay = "development"
    settings = config(overlay)
    assert settings["ENVIRONMENT"] == "development"
    assert settings["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] == "true"
    for deployment in objects(overlay, "Deployment"):
        assert deployment["spec"]["replicas"] == 1


# --- docker-compose.yml ---------------------------------------------------------------------------------


def test_compose_runs_the_services_console_scripts() -> None:
    services = compose_app_services()
    assert set(services) == set(SERVICES) | {f"migrate-{s}" for s in SERVICES}
    for name, service in services.items():
        target = name.removeprefix("migrate-")
        assert service["build"]["dockerfile"] == f"services/{target}/Dockerfile"
        assert service["build"]["context"] == "."
        entrypoint = service.get("entrypoint") or json.loads(
            next(args for ins, args in dockerfile(target) if ins == "ENTRYPOINT")
        )
        assert console_scripts().get(entrypoint[0]) == target, entrypoint
        expected = ["migrate"] if name.startswith("migrate-") else ["serve"]
        assert service.get("command", ["serve"]) == expected


def test_compose_publishes_only_the_gateway() -> None:
    published = {name: svc["ports"] for name, svc in compose_app_services().items() if svc.get("ports")}
    assert list(published) == ["gateway"]
    (mapping,) = published["gateway"]
    assert str(mapping).split(":")[-2:] == ["8000", "8000"]
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name} {port}: keep development ports local"


def test_compose_start_order_and_health() -> None:
    services = compose()["services"]
    for name in SERVICES:
        service = services[name]
        depends = {dep: spec["condition"] for dep, spec in service["depends_on"].items()}
        assert depends["postgres"] == "service_healthy"
        assert depends["rabbitmq"] == "service_healthy"
        assert depends[f"migrate-{name}"] == "service_completed_successfully"
        assert "healthcheck" in service
        assert "curl" not in json.dumps(service["healthcheck"])
        migrate = services[f"migrate-{name}"]
        assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert migrate.get("restart", "no") == "no"
    for infra in ("postgres", "rabbitmq"):
        assert "healthcheck" in services[infra]
    assert services["postgres"]["image"].startswith("postgres:15")
    assert services["rabbitmq"]["image"].startswith("rabbitmq:3.13-management")
    assert services["mailpit"]["image"].startswith("axllent/mailpit")
    # Traces: the services export OTLP to a collector, which forwards to Jaeger's viewer.
    assert services["otel-collector"]["image"].startswith("otel/opentelemetry-collector")
    for volume in services["otel-collector"]["volumes"]:
        assert (ROOT / volume.split(":")[0]).is_file(), volume
    assert services["jaeger"]["image"].startswith("jaegertracing/")
    endpoints = {svc["environment"]["OTEL_EXPORTER_OTLP_ENDPOINT"] for svc in compose_app_services().values()}
    assert endpoints == {"http://otel-collector:4318"}


def test_compose_settings() -> None:
    services = compose()["services"]
    for name, service in compose_app_services().items():
        env = service["environment"]
        assert env["ENVIRONMENT"] == "development"
        assert env["PUBLIC_URL"] == "http://localhost:8000"
        assert env["HOST"] == "0.0.0.0"
        if name in SERVICES:
            assert env["PORT"] == str(SERVICES[name])
    assert services["webhooks"]["environment"]["WEBHOOKS_ALLOW_PRIVATE_TARGETS"] == "false"
    gateway = services["gateway"]["environment"]
    for upstream in ("tickets", "notifier", "webhooks", "github-sync"):
        setting = upstream.upper().replace("-", "_") + "_URL"
        assert gateway[setting] == f"http://{upstream}:{SERVICES[upstream]}"


# --- Dockerfiles ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_dockerfile_builds_one_service_with_uv(service: str) -> None:
    instructions = dockerfile(service)
    stages = [args for ins, args in instructions if ins == "FROM"]
    assert len(stages) >= 3, "uv image, builder and runtime stages"
    # The gateway's "openapi" and "web" stages build the UI from the whole workspace; only the other
    # stages decide what the image holds.
    staged, stage = [], ""
    for ins, args in instructions:
        if ins == "FROM":
            stage = args.split()[-1] if " AS " in args.upper() else ""
        staged.append((stage, ins, args))
    own = [(ins, args) for stage, ins, args in staged if stage not in ("openapi", "web")]
    syncs = [args for ins, args in own if ins == "RUN" and "uv sync" in args]
    assert syncs
    for sync in syncs:
        for flag in ("--frozen", "--no-dev", f"--package revenge-{service}", "--compile-bytecode"):
            assert flag in sync, f"{service}: {flag}"
    copied = [args.split()[:-1] for ins, args in own if ins == "COPY" and "--from" not in args]
    for sources in copied:
        for source in sources:
            allowed = source.endswith("pyproject.toml") or source in (
                "uv.lock",
                "shared/",
                f"services/{service}/",
            )
            assert allowed, f"{service} copies {source}: only shared/ and its own code belong in it"
    runtime = instructions[max(i for i, (ins, _) in enumerate(instructions) if ins == "FROM") :]
    from_stages = [args for ins, args in runtime if ins == "COPY" and "--from" in args]
    allowed_from = {"--from=builder /app/.venv /app/.venv", "--from=web /web/build /app/web"}
    assert set(from_stages) <= allowed_from, f"{service}: the image gets the venv (and the UI) only"
    if service == "gateway":
        assert "--from=web /web/build /app/web" in from_stages
        assert "WEB_DIR=/app/web" in " ".join(args for ins, args in runtime if ins == "ENV")
    users = [args for ins, args in runtime if ins == "USER"]
    assert users, "the runtime stage sets a user"
    uid = users[-1].split(":")[0]
    assert uid.isdigit(), "a numeric uid, so Kubernetes' runAsNonRoot can check it"
    assert uid != "0"
    healthcheck = next(args for ins, args in runtime if ins == "HEALTHCHECK")
    assert "/healthz" in healthcheck
    assert "urllib" in healthcheck
    assert "curl" not in healthcheck
    assert json.loads(next(args for ins, args in runtime if ins == "ENTRYPOINT")) == [f"revenge-{service}"]
    assert f"revenge-{service}" in console_scripts()
    assert f"PORT={SERVICES[service]}" in " ".join(args for ins, args in runtime if ins == "ENV")


def test_dockerignore_keeps_the_context_small_and_secret_free() -> None:
    lines = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", "**/.venv", "tests", "devtools/*", "!devtools/pyproject.toml", "**/.env"} <= lines
