"""Fails when the deployment's security disagrees with the contract or the code: each service's Kafka user and ACLs
against what the AsyncAPI document says it sends and receives, its Kafka credentials, its NetworkPolicy and pod
security, and compose's published ports and credentials.

Usage: security_matches_contract.py COMPOSE K8S
  COMPOSE: the output of `docker-compose --env-file .env.example config`
  K8S:     the output of `kubectl kustomize deploy/k8s`
"""
import pathlib
import re
import sys

import yaml

from descriptors_match_code import ROOT, SERVICES, platform_variables, properties, reads_kafka_variables, runtime_modules

ASYNCAPI = ROOT / "contracts/src/main/resources/asyncapi.yaml"
# Libraries every service has: they name every topic, and what a service does with Kafka is in its own code
SHARED_LIBRARIES = {"contracts", "kafka-support", "service-support"}
SEND = {"Write", "Describe"}
RECEIVE = {"Read", "Describe"}
GROUP = {"Read"}
# Kafka Streams on topics named after its application id (store changelogs, repartition topics): it creates them
# (auto-creation is off), writes and reads them; it never deletes nor alters them in the default setup path
STREAMS_INTERNAL_TOPICS = {"Create", "Describe", "Read", "Write"}
TRANSACTIONAL_ID = {"Write", "Describe"}
CLUSTER = ("cluster", "kafka-cluster", "literal")
# Ports a service may reach: DNS, Kafka's TLS listener, and PostgreSQL for a service with a datasource
DNS = {(53, "UDP"), (53, "TCP")}
POSTGRES = {(5432, "TCP")}
# the city's identity provider, whose keys a service that checks bearer tokens fetches, and Meta's Graph API (HTTPS)
HTTPS = {(443, "TCP")}
# the city's mail servers, for a service that reads mailboxes (IMAPS) and sends replies (SMTP submission)
MAIL = {(993, "TCP"), (587, "TCP")}
CREDENTIAL = re.compile(r"PASSWORD|SECRET|TOKEN")

problems = []


# ---- What the contract and the code say each service does on Kafka

def channel_address(reference):
    name = reference["$ref"].rsplit("/", 1)[-1]
    return DOCUMENT["channels"][name]["address"]


def operations_of(service):
    """The AsyncAPI operations a service performs: tagged with its name, or channel-adapters for an adapter."""
    module = next(m for m in SERVICES if m.name == service)
    names = {service} | ({"channel-adapters"} if module.parts[0] == "channel-adapters" else set())
    for operation_id, operation in DOCUMENT["operations"].items():
        if names & {tag["name"] for tag in operation.get("tags", [])}:
            yield operation_id, operation["action"], channel_address(operation["channel"]), group_of(operation)


def group_of(operation):
    """The operation's consumer group: its const, or `prefix*` for a pattern `^prefix` (a group of its own per instance)."""
    group = operation.get("bindings", {}).get("kafka", {}).get("groupId", {})
    prefix = re.fullmatch(r"\^([\w.-]+)", group.get("pattern", ""))
    return group.get("const") or (prefix.group(1) + "*" if prefix else None)


def assigns_itself(operation_id):
    """A receive whose binding names a clientId and no groupId reads the partitions it assigns itself: no group to use."""
    kafka = DOCUMENT["operations"][operation_id].get("bindings", {}).get("kafka", {})
    return "clientId" in kafka and "groupId" not in kafka


def own_sources(module):
    """The service's own main sources and those of its non-shared libraries (the adapter library for an adapter)."""
    for dependency in runtime_modules(module):
        if dependency.name not in SHARED_LIBRARIES:
            yield from (ROOT / dependency / "src/main/java").rglob("*.java")


def topic_constants():
    text = (ROOT / "contracts/src/main/java/org/ascolto/contracts/Topics.java").read_text()
    return dict(re.findall(r"static final String (\w+)\s*=\s*\"([\w.-]+)\";", text))


def topics_in_code(module):
    """
    Topics the service's code names (Topics.X, dead letters) and its channels read. A library class counts for a service
    whose code names it, directly or through the library classes it names (the adapter library's contact publishing
    through its webhook intake, its reply reading and reply statuses only for the adapters that answer citizens).
    """
    constants = topic_constants()
    texts = {source: source.read_text() for source in own_sources(module)}
    reached = {source: text for source, text in texts.items() if source.is_relative_to(ROOT / module)}
    library = {source: text for source, text in texts.items() if source not in reached}
    while True:
        named = {source: text for source, text in library.items()
                 if any(re.search(rf"\b{source.stem}\b", text_) for text_ in reached.values())}
        if not named:
            break
        reached.update(named)
        library = {source: text for source, text in library.items() if source not in named}
    used = set()
    for text in reached.values():
        used |= {constants[c] for c in re.findall(r"\bTopics\.(\w+)", text) if c in constants}
        if re.search(r"\bDeadLetter(Counter)?\b", text):
            used.add(constants["CONTACTS_DLQ"])
    return used | {topic for topic, _ in incoming_channels(module)}


def incoming_channels(module):
    props = {}
    for dependency in runtime_modules(module):
        props.update(properties(dependency))
    for key, topic in props.items():
        match = re.fullmatch(r"mp\.messaging\.incoming\.([\w-]+)\.topic", key)
        if match:
            group = props.get(f"mp.messaging.incoming.{match.group(1)}.group.id")
            # a group of its own per instance (prefix and a generated id) is the prefix*
            yield topic, re.sub(r"\$\{[^}]*\}$", "*", group) if group else group


def streams_application(module):
    """(application id, exactly once) of a Kafka Streams service, else None."""
    sources = [s.read_text() for s in own_sources(module)]
    if not any("new KafkaStreams(" in text for text in sources):
        return None
    ids = [v for k, v in properties(module).items() if k.endswith(".application-id")]
    if len(ids) != 1:
        problems.append(f"{module}: runs Kafka Streams, but application.properties names {len(ids)} application ids")
        return None
    return ids[0], any("EXACTLY_ONCE" in text for text in sources)


def expected_acls(service):
    """The ACLs a service needs, derived from the AsyncAPI document and, for Kafka Streams, from its application id."""
    module = next(m for m in SERVICES if m.name == service)
    acls = {}

    def allow(resource, operations):
        acls.setdefault(resource, set()).update(operations)

    for operation_id, action, topic, group in operations_of(service):
        allow(("topic", topic, "literal"), SEND if action == "send" else RECEIVE)
        if action == "send":
            allow(CLUSTER, {"IdempotentWrite"})  # every producer of the platform is idempotent
        if action == "receive" and group:
            allow(("group", group.rstrip("*"), "prefix" if group.endswith("*") else "literal"), GROUP)
        elif action == "receive" and not assigns_itself(operation_id):
            problems.append(f"asyncapi.yaml {operation_id}: {service} receives {topic} without a groupId or clientId")
    streams = streams_application(module)
    if streams:
        application_id, exactly_once = streams
        allow(("topic", application_id + "-", "prefix"), STREAMS_INTERNAL_TOPICS)
        if exactly_once:
            allow(("transactionalId", application_id + "-", "prefix"), TRANSACTIONAL_ID)
            allow(CLUSTER, {"IdempotentWrite"})
    return acls


def check_contract_matches_code(service):
    """The AsyncAPI document names every topic the service's code uses and no other, and the groups its channels use."""
    module = next(m for m in SERVICES if m.name == service)
    operations = list(operations_of(service))
    declared = {topic for _, _, topic, _ in operations}
    used = topics_in_code(module)
    for topic in sorted(used - declared):
        problems.append(f"{module}: its code uses {topic}, but no operation of asyncapi.yaml tagged {service} names it")
    for topic in sorted(declared - used):
        problems.append(f"asyncapi.yaml: an operation tagged {service} names {topic}, which its code never uses "
                        "(its Kafka user would be allowed more than it does)")
    groups = {(topic, group) for _, action, topic, group in operations if action == "receive"}
    streams = streams_application(module)
    for topic, group in incoming_channels(module):
        if (topic, group) not in groups:
            problems.append(f"{module}: reads {topic} in group {group}, which asyncapi.yaml does not give {service}")
    if streams:
        for _, action, topic, group in operations:
            if action == "receive" and group != streams[0]:
                problems.append(f"asyncapi.yaml: {service} receives {topic} in group {group}, its Kafka Streams "
                                f"application id is {streams[0]}")


def check_clients_take_connection(service):
    """Every Kafka client the service creates itself connects with the kafka.* settings (TLS, SASL), not only an address."""
    module = next(m for m in SERVICES if m.name == service)
    for dependency in runtime_modules(module):
        for source in (ROOT / dependency / "src/main/java").rglob("*.java"):
            text = source.read_text()
            creates = re.search(r"new Kafka(Producer|Consumer|Streams)\b|\bAdmin(Client)?\.create\(|AcknowledgedProducer\.create\(", text)
            if creates and not ("default-kafka-broker" in text or "KafkaConnection" in text):
                problems.append(f"{source.relative_to(ROOT)}: creates a Kafka client ({creates.group(0).rstrip('(')}) without "
                                "the service's connection settings (KafkaConnection, the default-kafka-broker map): "
                                "it cannot authenticate to the cluster of deploy/k8s")


# ---- Kubernetes

def acl_set(user):
    granted = {}
    for acl in user["spec"].get("authorization", {}).get("acls", []):
        if acl.get("type", "allow") != "allow":
            continue
        resource = acl["resource"]
        key = (resource["type"], resource.get("name", "kafka-cluster"), resource.get("patternType", "literal"))
        operations = set(acl.get("operations", [])) | ({acl["operation"]} if "operation" in acl else set())
        if acl.get("host", "*") != "*":
            problems.append(f"KafkaUser {user['metadata']['name']}: an ACL limited to host {acl['host']}")
        granted.setdefault(key, set()).update(operations)
    return granted


def describe(resource):
    kind, name, pattern = resource
    return kind if kind == "cluster" else f"{kind} {name}" + (" (prefix)" if pattern == "prefix" else "")


def check_acls(user, service):
    expected, granted = expected_acls(service), acl_set(user)
    where = f"KafkaUser {user['metadata']['name']} ({service})"
    for resource in sorted(set(expected) | set(granted)):
        missing = expected.get(resource, set()) - granted.get(resource, set())
        extra = granted.get(resource, set()) - expected.get(resource, set())
        if missing:
            problems.append(f"{where}: lacks {sorted(missing)} on {describe(resource)}, which asyncapi.yaml (and for Kafka "
                            "Streams, its application id) says it needs")
        if extra:
            problems.append(f"{where}: allows {sorted(extra)} on {describe(resource)}, which asyncapi.yaml (and for Kafka "
                            "Streams, its application id) does not give it")


def env_of(container, platform):
    env = {name: {"value": value} for name, value in platform_variables(container, platform).items()}
    env.update({e["name"]: e for e in container.get("env", [])})
    return env


def secret_ref(entry):
    ref = (entry or {}).get("valueFrom", {}).get("secretKeyRef")
    return (ref["name"], ref["key"]) if ref else None


def check_kafka_cluster(resources):
    """One Kafka cluster whose every listener encrypts and authenticates, with ACLs and the User Operator on."""
    kafkas = [r for r in resources if r["kind"] == "Kafka"]
    if len(kafkas) != 1:
        problems.append(f"deploy/k8s: {len(kafkas)} Kafka clusters, expected one")
        return None, None
    kafka = kafkas[0]
    spec = kafka["spec"]["kafka"]
    where = f"Kafka {kafka['metadata']['name']}"
    listeners = spec.get("listeners", [])
    for listener in listeners:
        if not listener.get("tls") or listener.get("authentication", {}).get("type") not in ("scram-sha-512", "tls"):
            problems.append(f"{where}: listener {listener['name']} without TLS and SCRAM-SHA-512 or mTLS authentication")
    if spec.get("authorization", {}).get("type") != "simple":
        problems.append(f"{where}: authorization is not simple: every authenticated client could do anything")
    if "userOperator" not in kafka["spec"].get("entityOperator", {}):
        problems.append(f"{where}: no User Operator: the KafkaUsers would never get credentials nor ACLs")
    scram = [l for l in listeners if l.get("tls") and l.get("authentication", {}).get("type") == "scram-sha-512"]
    if not scram:
        problems.append(f"{where}: no TLS listener with SCRAM-SHA-512, which the services connect to")
        return kafka["metadata"]["name"], None
    return kafka["metadata"]["name"], scram[0]["port"]


def check_kafka_credentials(where, env, user_name, cluster, port):
    expected = {
        "KAFKA_BOOTSTRAP_SERVERS": f"{cluster}-kafka-bootstrap:{port}",
        "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "KAFKA_SSL_TRUSTSTORE_TYPE": "PEM",
    }
    for name, value in expected.items():
        if str(env.get(name, {}).get("value")) != value:
            problems.append(f"{where}: {name} is {env.get(name, {}).get('value')!r}, expected {value!r}")
    if secret_ref(env.get("KAFKA_SSL_TRUSTSTORE_CERTIFICATES")) != (f"{cluster}-cluster-ca-cert", "ca.crt"):
        problems.append(f"{where}: KAFKA_SSL_TRUSTSTORE_CERTIFICATES does not come from {cluster}-cluster-ca-cert ca.crt")
    if secret_ref(env.get("KAFKA_SASL_JAAS_CONFIG")) != (user_name, "sasl.jaas.config"):
        problems.append(f"{where}: KAFKA_SASL_JAAS_CONFIG does not come from the Secret of its KafkaUser {user_name} "
                        f"(key sasl.jaas.config), but {secret_ref(env.get('KAFKA_SASL_JAAS_CONFIG'))}")


def check_pod_security(where, pod):
    """The restricted Pod Security Standard, a read-only root filesystem with a writable /tmp, no API token."""
    context = pod.get("securityContext", {})
    if context.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        problems.append(f"{where}: pod seccompProfile is not RuntimeDefault")
    if pod.get("automountServiceAccountToken") is not False:
        problems.append(f"{where}: mounts a service account token, and no service talks to the Kubernetes API")
    if pod.get("hostNetwork") or pod.get("hostPID") or pod.get("hostIPC"):
        problems.append(f"{where}: shares the node's namespaces")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    for container in pod.get("initContainers", []) + pod["containers"]:
        c = container.get("securityContext", {})
        name = f"{where} container {container['name']}"
        if not (c.get("runAsNonRoot", context.get("runAsNonRoot")) is True):
            problems.append(f"{name}: may run as root (runAsNonRoot)")
        if c.get("runAsUser", context.get("runAsUser")) == 0:
            problems.append(f"{name}: runs as user 0")
        if c.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{name}: allowPrivilegeEscalation is not false")
        if c.get("privileged"):
            problems.append(f"{name}: privileged")
        if c.get("readOnlyRootFilesystem") is not True:
            problems.append(f"{name}: the root filesystem is writable")
        if "ALL" not in c.get("capabilities", {}).get("drop", []) or c.get("capabilities", {}).get("add"):
            problems.append(f"{name}: capabilities are not all dropped")
        if c.get("seccompProfile", {}).get("type", "RuntimeDefault") != "RuntimeDefault":
            problems.append(f"{name}: seccompProfile is not RuntimeDefault")
        tmp = [m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp"]
        if not tmp or "emptyDir" not in volumes.get(tmp[0]["name"], {}):
            problems.append(f"{name}: no writable emptyDir at /tmp, where Quarkus and the JVM write")


def selects(policy, labels):
    selector = policy["spec"].get("podSelector", {})
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        present = expression["key"] in labels
        operator = expression["operator"]
        if operator == "Exists" and not present or operator == "DoesNotExist" and present:
            return False
        if operator == "In" and labels.get(expression["key"]) not in expression["values"]:
            return False
        if operator == "NotIn" and labels.get(expression["key"]) in expression["values"]:
            return False
    return True


def rule_ports(rule):
    return {(p.get("port"), p.get("protocol", "TCP")) for p in rule.get("ports", [])}


def mentions(module, marker):
    """Whether the service's own Java sources contain the marker."""
    return any(marker in source.read_text() for source in (ROOT / module / "src/main/java").rglob("*.java"))


def calls_out_over_https(module):
    """Whether the service calls an outside API (a *.base-url it is configured with, such as Meta's Graph API)."""
    return any(key.endswith(".base-url") and value.startswith("https://") for key, value in properties(module).items())


def talks_to_mail_servers(module):
    """Whether the service reads mailboxes and sends mail (it is configured with an SMTP server)."""
    return "ascolto.email.replies.smtp.host" in properties(module)


def check_network_policy(where, service, pod_labels, policies, kafka_port, has_database, reaches_https, replicas_ask,
                         reaches_mail):
    own = [p for p in policies if p["spec"].get("policyTypes") and (p["spec"].get("ingress") or p["spec"].get("egress"))
           and selects(p, pod_labels)]
    if not own:
        problems.append(f"{where}: no NetworkPolicy selects its pods")
        return
    allowed_egress = DNS | ({(kafka_port, "TCP")} if kafka_port else set()) | (POSTGRES if has_database else set()) \
        | (HTTPS if reaches_https else set()) | ({(8080, "TCP")} if replicas_ask else set()) | (MAIL if reaches_mail else set())
    egress_ports = set()
    for policy in own:
        name = f"NetworkPolicy {policy['metadata']['name']} ({service})"
        if set(policy["spec"]["policyTypes"]) != {"Ingress", "Egress"}:
            problems.append(f"{name}: does not govern both ingress and egress")
        for rule in policy["spec"].get("egress", []):
            if not rule.get("ports"):
                problems.append(f"{name}: an egress rule open on every port")
            egress_ports |= rule_ports(rule)
            if (kafka_port, "TCP") in rule_ports(rule) and not rule.get("to"):
                problems.append(f"{name}: Kafka's port open to any destination")
        for rule in policy["spec"].get("ingress", []):
            peers = rule.get("from")
            if not peers or any("ipBlock" in peer or not (peer.get("namespaceSelector") or peer.get("podSelector"))
                                for peer in peers):
                problems.append(f"{name}: an ingress rule open to any source")
            if not rule.get("ports"):
                problems.append(f"{name}: an ingress rule open on every port")
    for port in sorted(egress_ports - allowed_egress, key=str):
        problems.append(f"{where}: its NetworkPolicy lets it reach port {port[0]}/{port[1]}, which it does not need")
    for port in sorted(allowed_egress - egress_ports, key=str):
        problems.append(f"{where}: its NetworkPolicy does not let it reach port {port[0]}/{port[1]}, which it needs")


def check_default_deny(policies):
    """A policy with no rule over every pod Strimzi does not manage: what no policy opens is closed."""
    for policy in policies:
        spec = policy["spec"]
        selector = spec.get("podSelector", {})
        everything = not selector.get("matchLabels") and selector.get("matchExpressions", []) in (
            [], [{"key": "strimzi.io/cluster", "operator": "DoesNotExist"}])
        if everything and set(spec.get("policyTypes", [])) == {"Ingress", "Egress"} and not spec.get("ingress") \
                and not spec.get("egress"):
            return
    problems.append("deploy/k8s: no default-deny NetworkPolicy over the namespace's pods")


def check_kubernetes(resources):
    cluster, port = check_kafka_cluster(resources)
    platform = next(r for r in resources if r["kind"] == "ConfigMap" and r["metadata"]["name"].startswith("ascolto-platform"))
    users = {r["metadata"]["name"]: r for r in resources if r["kind"] == "KafkaUser"}
    policies = [r for r in resources if r["kind"] == "NetworkPolicy"]
    check_default_deny(policies)
    for namespace in (r for r in resources if r["kind"] == "Namespace"):
        if namespace["metadata"].get("labels", {}).get("pod-security.kubernetes.io/enforce") != "restricted":
            problems.append(f"Namespace {namespace['metadata']['name']}: does not enforce the restricted Pod Security Standard")
    used_users = set()
    for deployment in (r for r in resources if r["kind"] == "Deployment"):
        service = deployment["metadata"]["labels"]["app.kubernetes.io/name"]
        where = f"deploy/k8s Deployment {deployment['metadata']['name']}"
        if service not in {m.name for m in SERVICES}:
            continue
        module = next(m for m in SERVICES if m.name == service)
        pod = deployment["spec"]["template"]
        container = pod["spec"]["containers"][0]
        env = env_of(container, platform)
        uses_kafka = reads_kafka_variables(module)
        jaas = secret_ref(env.get("KAFKA_SASL_JAAS_CONFIG"))
        user = users.get(jaas[0]) if jaas else None
        if user is None and uses_kafka:
            problems.append(f"{where}: no KafkaUser whose Secret gives its KAFKA_SASL_JAAS_CONFIG")
        elif user is not None:
            used_users.add(user["metadata"]["name"])
            if user["metadata"].get("labels", {}).get("strimzi.io/cluster") != cluster:
                problems.append(f"KafkaUser {user['metadata']['name']}: not of the Kafka cluster {cluster}")
            if user["spec"].get("authentication", {}).get("type") != "scram-sha-512":
                problems.append(f"KafkaUser {user['metadata']['name']}: authentication is not scram-sha-512")
            if user["spec"].get("authorization", {}).get("type") != "simple":
                problems.append(f"KafkaUser {user['metadata']['name']}: authorization is not simple")
            check_acls(user, service)
            if cluster and port:
                check_kafka_credentials(where, env, user["metadata"]["name"], cluster, port)
        check_pod_security(where, pod["spec"])
        # a database of its own, or the keyring's (a service that seals or opens citizens' records)
        has_database = any(re.fullmatch(r"quarkus\.datasource\.(\w+\.)?db-kind", key) for key in properties(module))
        # @RolesAllowed: it fetches the identity provider's keys; APPLICATION_SERVER_CONFIG: its replicas ask each other
        check_network_policy(where, service, pod["metadata"].get("labels", {}), policies, port if uses_kafka else None,
                             has_database, mentions(module, "@RolesAllowed") or calls_out_over_https(module),
                             mentions(module, "APPLICATION_SERVER_CONFIG"), talks_to_mail_servers(module))
        if has_database and not re.search(r"postgres", str(pod["spec"].get("volumes", []))):
            problems.append(f"{where}: has a database but no CA of it mounted (sslmode=verify-full needs sslrootcert)")
    for name in sorted(set(users) - used_users):
        problems.append(f"KafkaUser {name}: no Deployment connects as it")


# ---- docker compose

def check_compose(rendered, raw):
    """Nothing reachable from outside the host; no credential with a value of its own; .env.example lists them all."""
    for name, service in rendered["services"].items():
        for port in service.get("ports", []):
            host_ip = port.get("host_ip") if isinstance(port, dict) else (str(port).split(":")[0] if str(port).count(":") == 2 else None)
            if host_ip != "127.0.0.1":
                problems.append(f"docker-compose.yml service {name}: publishes {port} beyond 127.0.0.1")
    required = set(re.findall(r"\$\{(\w+):\?[^}]*\}", raw))
    for variable, form in re.findall(r"\$\{(\w+)(:?[-=+][^}]*)?\}", raw):
        if CREDENTIAL.search(variable) and variable not in required:
            problems.append(f"docker-compose.yml: ${{{variable}}} has a default or may be empty; use ${{{variable}:?...}}")
    for name, service in yaml.safe_load(raw)["services"].items():
        environment = service.get("environment", {})
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) if "=" in item else (item, "") for item in environment)
        for variable, value in environment.items():
            if CREDENTIAL.search(variable) and not re.fullmatch(r"\$\{\w+:\?[^}]*\}", str(value)):
                problems.append(f"docker-compose.yml service {name}: {variable} is not taken from the environment as ${{VAR:?...}}")
    example = ROOT / ".env.example"
    listed = set(re.findall(r"^(\w+)=", example.read_text(), re.M)) if example.exists() else set()
    for variable in sorted(required - listed):
        problems.append(f".env.example does not document {variable}, which docker-compose.yml requires")
    for variable in sorted(listed - required):
        problems.append(f".env.example lists {variable}, which docker-compose.yml does not read")


def main():
    global DOCUMENT
    DOCUMENT = yaml.safe_load(ASYNCAPI.read_text())
    for module in SERVICES:
        check_contract_matches_code(module.name)
        check_clients_take_connection(module.name)
    check_compose(yaml.safe_load(pathlib.Path(sys.argv[1]).read_text()), (ROOT / "docker-compose.yml").read_text())
    check_kubernetes([r for r in yaml.safe_load_all(pathlib.Path(sys.argv[2]).read_text()) if r])
    for problem in problems:
        print("deploy/check:", problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
