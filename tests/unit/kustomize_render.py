"""A small kustomize renderer: exactly the features deploy/k8s/ uses, so the manifests can be checked
without a kustomize or kubectl binary (tests/unit/test_deploy_manifests.py compares it with
``kubectl kustomize`` wherever kubectl is installed).

Supported in a kustomization.yaml, and nothing else (anything else raises :class:`Unsupported`):

* ``resources``: YAML files (several documents each) and directories holding a kustomization.yaml;
* ``namespace``;
* ``labels`` with ``includeSelectors: false`` (``includeTemplates`` true or false);
* ``images`` (``name``, ``newName``, ``newTag``, ``digest``);
* ``replicas``;
* ``configMapGenerator`` / ``secretGenerator`` with ``literals``, ``behavior`` (create, merge, replace)
  and ``options`` (``labels``, ``annotations``, ``disableNameSuffixHash``); the content-hash suffix is
  computed as kustomize 5 does and references from pod specs are renamed to match;
* ``patches`` holding one strategic-merge patch (``path`` or inline ``patch``), optionally with a
  ``target`` (``group``, ``version``, ``kind``, ``name``, ``labelSelector`` of ``key=value`` pairs).

Transformers run in kustomize's order: generators, patches, namespace, labels, replicas, images; the hash
suffixes are added once, after the top-level kustomization.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

Obj = dict[str, Any]

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
SUPPORTED_FIELDS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "labels",
    "images",
    "replicas",
    "configMapGenerator",
    "secretGenerator",
    "patches",
}
CLUSTER_SCOPED_KINDS = {
    "Namespace",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PersistentVolume",
    "StorageClass",
    "PriorityClass",
    "IngressClass",
    "RuntimeClass",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "APIService",
    "CSIDriver",
    "Node",
    "ClusterIssuer",
    "ClusterSecretStore",
    "ClusterTriggerAuthentication",
}
# Kinds whose spec.template is a pod template (labels' includeTemplates, image and name references).
POD_TEMPLATE_KINDS = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"}
REPLICA_KINDS = {"Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"}
# Strategic-merge list keys of the built-in types the patches here touch (a list of any other field,
# and every list of a custom resource, is replaced whole, as kustomize does).
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "imagePullSecrets": "name",
    "topologySpreadConstraints": "topologyKey",
}
BUILTIN_GROUPS = {
    "",
    "apps",
    "batch",
    "autoscaling",
    "policy",
    "networking.k8s.io",
    "rbac.authorization.k8s.io",
}


# kustomize (after kubectl) swaps these hex digits for letters, so a suffix never looks like a number.
HASH_LETTERS = str.maketrans("013ae", "ghkmt")


class Unsupported(ValueError):
    """The kustomization uses something this renderer does not implement."""


@dataclass
class Resource:
    obj: Obj
    generated_name: str | None = None  # set on generated ConfigMaps/Secrets
    needs_hash: bool = False

    @property
    def kind(self) -> str:
        return str(self.obj["kind"])

    @property
    def name(self) -> str:
        return str(self.obj["metadata"]["name"])

    @property
    def group(self) -> str:
        api_version = str(self.obj["apiVersion"])
        return api_version.split("/")[0] if "/" in api_version else ""

    @property
    def version(self) -> str:
        return str(self.obj["apiVersion"]).split("/")[-1]


@dataclass
class Build:
    resources: list[Resource] = field(default_factory=list)

    def find(self, kind: str, name: str) -> Resource | None:
        found = [r for r in self.resources if r.kind == kind and r.name == name]
        if len(found) > 1:
            raise Unsupported(f"{kind}/{name} is defined twice")
        return found[0] if found else None


def render(directory: str | Path) -> list[Obj]:
    """The objects ``kubectl kustomize DIRECTORY`` would print (order aside)."""
    build = _build(Path(directory))
    _add_hash_suffixes(build)
    return [r.obj for r in build.resources]


# --- one kustomization ---------------------------------------------------------------------------------


def _load_kustomization(directory: Path) -> Obj:
    for name in KUSTOMIZATION_FILES:
        path = directory / name
        if path.is_file():
            data = yaml.safe_load(path.read_text()) or {}
            unknown = set(data) - SUPPORTED_FIELDS
            if unknown:
                raise Unsupported(f"{path}: unsupported fields {sorted(unknown)}")
            return dict(data)
    raise FileNotFoundError(f"no kustomization file in {directory}")


def _build(directory: Path) -> Build:
    kustomization = _load_kustomization(directory)
    build = Build()
    for entry in kustomization.get("resources", []):
        path = directory / entry
        if path.is_dir():
            build.resources.extend(_build(path).resources)
        else:
            for doc in yaml.safe_load_all(path.read_text()):
                if doc:
                    build.resources.append(Resource(doc))
    for generator in kustomization.get("configMapGenerator", []):
        _generate(build, generator, "ConfigMap")
    for generator in kustomization.get("secretGenerator", []):
        _generate(build, generator, "Secret")
    for patch in kustomization.get("patches", []):
        _apply_patch(build, directory, patch)
    if "namespace" in kustomization:
        for resource in build.resources:
            if resource.kind not in CLUSTER_SCOPED_KINDS:
                resource.obj["metadata"]["namespace"] = kustomization["namespace"]
    for entry in kustomization.get("labels", []):
        _apply_labels(build, entry)
    for entry in kustomization.get("replicas", []):
        _apply_replicas(build, entry)
    for entry in kustomization.get("images", []):
        for resource in build.resources:
            _rewrite_images(resource.obj, entry)
    return build


# --- generators ----------------------------------------------------------------------------------------


def _generate(build: Build, generator: Obj, kind: str) -> None:
    allowed = {"name", "behavior", "literals", "options"} | ({"type"} if kind == "Secret" else set())
    if set(generator) - allowed:
        raise Unsupported(f"{kind} generator fields {sorted(set(generator) - allowed)}")
    options = generator.get("options", {})
    if set(options) - {"labels", "annotations", "disableNameSuffixHash"}:
        raise Unsupported(f"generator options {sorted(options)}")
    data: dict[str, str] = {}
    for literal in generator.get("literals", []):
        key, sep, value = str(literal).partition("=")
        if not sep:
            raise Unsupported(f"literal without '=': {literal!r}")
        data[key] = _unquote(value)
    if kind == "Secret":
        data = {k: base64.b64encode(v.encode()).decode() for k, v in data.items()}
    name = generator["name"]
    behavior = generator.get("behavior", "create")
    existing = build.find(kind, name)
    if behavior == "create":
        if existing is not None:
            raise Unsupported(f"{kind}/{name} generated twice (use behavior: merge)")
        obj: Obj = {"apiVersion": "v1", "kind": kind, "metadata": {"name": name}}
        if kind == "Secret":
            obj["type"] = generator.get("type", "Opaque")
        if data:
            obj["data"] = data
        resource = Resource(obj, generated_name=name)
        build.resources.append(resource)
    elif behavior in ("merge", "replace"):
        if existing is None or existing.generated_name is None:
            raise Unsupported(f"behavior {behavior} needs a generated {kind}/{name} from a base")
        resource = existing
        if behavior == "replace":
            resource.obj["data"] = data
        else:
            resource.obj.setdefault("data", {}).update(data)
    else:
        raise Unsupported(f"generator behavior {behavior!r}")
    metadata = resource.obj["metadata"]
    for meta_key in ("labels", "annotations"):
        if options.get(meta_key):
            metadata.setdefault(meta_key, {}).update(options[meta_key])
    resource.needs_hash = not options.get("disableNameSuffixHash", False)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def content_hash(obj: Obj) -> str:
    """kustomize's name suffix for a generated ConfigMap or Secret.

    kustomize 5 hashes the JSON of kind, data (and binaryData / type) and name, but looks the name up as
    the single field ``metadata/name``, which never exists: so the name hashed is always empty.
    """
    encoded: Obj = {"kind": obj["kind"], "name": "", "data": obj.get("data") or ""}
    if obj["kind"] == "ConfigMap" and isinstance(obj.get("binaryData"), dict):
        encoded["binaryData"] = obj["binaryData"]
    if obj["kind"] == "Secret":
        encoded["type"] = obj.get("type", "")
        if isinstance(obj.get("stringData"), dict):
            encoded["stringData"] = obj["stringData"]
    text = json.dumps(encoded, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # Go's encoding/json escapes these; Python's does not.
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    digest = hashlib.sha256(text.encode()).hexdigest()[:10]
    return digest.translate(HASH_LETTERS)


def _add_hash_suffixes(build: Build) -> None:
    renamed: dict[tuple[str, str | None, str], str] = {}
    for resource in build.resources:
        if resource.needs_hash:
            new_name = f"{resource.name}-{content_hash(resource.obj)}"
            namespace = resource.obj["metadata"].get("namespace")
            renamed[(resource.kind, namespace, resource.name)] = new_name
            resource.obj["metadata"]["name"] = new_name
    if not renamed:
        return
    for resource in build.resources:
        namespace = resource.obj["metadata"].get("namespace")
        for pod_spec in _pod_specs(resource.obj):
            _rename_pod_spec_refs(pod_spec, namespace, renamed)


def _rename_pod_spec_refs(
    pod_spec: Obj, namespace: str | None, renamed: dict[tuple[str, str | None, str], str]
) -> None:
    def new(kind: str, name: str) -> str:
        return renamed.get((kind, namespace, name), name)

    for container in _containers(pod_spec):
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                ref = source["configMapRef"]
                ref["name"] = new("ConfigMap", ref["name"])
            if "secretRef" in source:
                ref = source["secretRef"]
                ref["name"] = new("Secret", ref["name"])
        for env in container.get("env", []):
            value_from = env.get("valueFrom", {})
            if "configMapKeyRef" in value_from:
                ref = value_from["configMapKeyRef"]
                ref["name"] = new("ConfigMap", ref["name"])
            if "secretKeyRef" in value_from:
                ref = value_from["secretKeyRef"]
                ref["name"] = new("Secret", ref["name"])
    for volume in pod_spec.get("volumes", []):
        if "configMap" in volume:
            volume["configMap"]["name"] = new("ConfigMap", volume["configMap"]["name"])
        if "secret" in volume:
            volume["secret"]["secretName"] = new("Secret", volume["secret"]["secretName"])
        if "projected" in volume:
            raise Unsupported("projected volumes")
    for secret in pod_spec.get("imagePullSecrets", []):
        secret["name"] = new("Secret", secret["name"])


# --- patches -------------------------------------------------------------------------------------------


def _apply_patch(build: Build, directory: Path, entry: Obj) -> None:
    if set(entry) - {"path", "patch", "target"}:
        raise Unsupported(f"patch fields {sorted(entry)}")
    text = (directory / entry["path"]).read_text() if "path" in entry else entry["patch"]
    docs = [doc for doc in yaml.safe_load_all(text) if doc]
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise Unsupported("a patch must hold exactly one strategic-merge document")
    patch = docs[0]
    if "op" in patch or isinstance(patch, list):
        raise Unsupported("JSON 6902 patches")
    target = entry.get("target")
    if target is None:
        resource = build.find(patch["kind"], patch["metadata"]["name"])
        if resource is None:
            raise Unsupported(f"patch target {patch['kind']}/{patch['metadata']['name']} not found")
        targets = [resource]
    else:
        targets = [r for r in build.resources if _matches(r, target)]
        if not targets:
            raise Unsupported(f"patch target {target} matched nothing")
    for resource in targets:
        body = {k: v for k, v in patch.items() if k not in ("apiVersion", "kind", "metadata")}
        metadata_patch = {k: v for k, v in patch.get("metadata", {}).items() if k != "name"}
        if metadata_patch:
            body["metadata"] = metadata_patch
        known = resource.group in BUILTIN_GROUPS
        strategic_merge(resource.obj, body, known_type=known)


def _matches(resource: Resource, target: Obj) -> bool:
    if set(target) - {"group", "version", "kind", "name", "labelSelector"}:
        raise Unsupported(f"patch target fields {sorted(target)}")
    if "kind" in target and resource.kind != target["kind"]:
        return False
    if "name" in target and resource.name != target["name"]:
        return False
    if "group" in target and resource.group != target["group"]:
        return False
    if "version" in target and resource.version != target["version"]:
        return False
    if "labelSelector" in target:
        labels = resource.obj["metadata"].get("labels", {})
        for requirement in str(target["labelSelector"]).split(","):
            key, sep, value = requirement.strip().partition("=")
            if not sep or key.endswith("!"):
                raise Unsupported(f"label selector {target['labelSelector']!r} (only key=value)")
            if labels.get(key) != value:
                return False
    return True


def strategic_merge(base: Obj, patch: Obj, *, known_type: bool = True) -> None:
    """Merge PATCH into BASE in place: maps merge, null deletes, keyed lists of built-in types merge by
    key (new items appended), every other list is replaced."""
    for key, value in patch.items():
        if key.startswith("$"):
            raise Unsupported(f"patch directive {key}")
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            strategic_merge(base[key], value, known_type=known_type)
        elif known_type and isinstance(value, list) and isinstance(base.get(key), list) and key in MERGE_KEYS:
            merge_key = MERGE_KEYS[key]
            merged = base[key]
            for item in value:
                match = next((m for m in merged if m.get(merge_key) == item.get(merge_key)), None)
                if match is None:
                    merged.append(copy.deepcopy(item))
                else:
                    strategic_merge(match, item, known_type=known_type)
        else:
            base[key] = copy.deepcopy(value)


# --- labels, replicas, images --------------------------------------------------------------------------


def _apply_labels(build: Build, entry: Obj) -> None:
    if set(entry) - {"pairs", "includeSelectors", "includeTemplates"}:
        raise Unsupported(f"labels fields {sorted(entry)}")
    if entry.get("includeSelectors", False):
        raise Unsupported("labels with includeSelectors: true")
    pairs = entry.get("pairs", {})
    for resource in build.resources:
        resource.obj["metadata"].setdefault("labels", {}).update(pairs)
        if entry.get("includeTemplates", False) and resource.kind in POD_TEMPLATE_KINDS:
            template = resource.obj["spec"].setdefault("template", {})
            template.setdefault("metadata", {}).setdefault("labels", {}).update(pairs)


def _apply_replicas(build: Build, entry: Obj) -> None:
    matched = [r for r in build.resources if r.kind in REPLICA_KINDS and r.name == entry["name"]]
    if not matched:
        raise Unsupported(f"replicas: no workload named {entry['name']}")
    for resource in matched:
        resource.obj["spec"]["replicas"] = entry["count"]


def _rewrite_images(obj: Obj, entry: Obj) -> None:
    if set(entry) - {"name", "newName", "newTag", "digest"}:
        raise Unsupported(f"images fields {sorted(entry)}")
    for pod_spec in _pod_specs(obj):
        for container in _containers(pod_spec):
            name, tag, digest = split_image(container["image"])
            if name != entry["name"]:
                continue
            name = entry.get("newName", name)
            if "digest" in entry:
                container["image"] = f"{name}@{entry['digest']}"
            elif "newTag" in entry:
                container["image"] = f"{name}:{entry['newTag']}"
            else:
                suffix = f"@{digest}" if digest else (f":{tag}" if tag else "")
                container["image"] = name + suffix


def split_image(image: str) -> tuple[str, str | None, str | None]:
    """``registry/name:tag@digest`` -> (``registry/name``, tag, digest)."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = None
    if ":" in last:
        name, tag = name.rsplit(":", 1)
    return name, tag, digest or None


def _pod_specs(obj: Obj) -> list[Obj]:
    kind = obj.get("kind")
    if kind == "Pod":
        return [obj["spec"]]
    if kind in POD_TEMPLATE_KINDS:
        return [obj["spec"]["template"]["spec"]]
    if kind == "CronJob":
        return [obj["spec"]["jobTemplate"]["spec"]["template"]["spec"]]
    return []


def _containers(pod_spec: Obj) -> list[Obj]:
    return [*pod_spec.get("initContainers", []), *pod_spec.get("containers", [])]
