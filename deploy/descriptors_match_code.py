"""Fails when deploy/services.txt, docker-compose.yml, deploy/k8s, Prometheus and the code disagree: services, ports,
environment variables, topics, scrape targets; and each committing Kafka consumer lifts SmallRye's age limit.

Usage: descriptors_match_code.py COMPOSE K8S
  COMPOSE: the output of `docker-compose config` (anchors and ${VAR:-default} resolved)
  K8S:     the output of `kubectl kustomize deploy/k8s`
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
POM = "{http://maven.apache.org/POM/4.0.0}"
problems = []


def reactor_modules(directory=ROOT):
    """Every Maven module below the root pom, as paths relative to the root."""
    pom = ET.parse(directory / "pom.xml").getroot()
    for module in pom.iter(POM + "module"):
        path = directory / module.text
        yield path.relative_to(ROOT)
        yield from reactor_modules(path)


def is_quarkus_service(module):
    return "quarkus-maven-plugin" in (ROOT / module / "pom.xml").read_text()


def env_name(prop):
    """Quarkus/SmallRye rule: a property is overridden by its name upper-cased with non-alphanumerics as _."""
    return re.sub(r"[^A-Za-z0-9]", "_", prop).upper()


def properties(module):
    """The module's own settings: its application.properties, and the defaults a library ships for every service."""
    props = {}
    for name in ("src/main/resources/application.properties", "src/main/resources/META-INF/microprofile-config.properties"):
        file = ROOT / module / name
        if not file.exists():
            continue
        for line in file.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                if not key.startswith("%"):
                    props[key.strip()] = value.strip()
    return props


def config_mapping_properties(module):
    """Properties of @ConfigMapping interfaces: prefix + each method in kebab case."""
    for source in (ROOT / module / "src/main/java").rglob("*.java"):
        text = source.read_text()
        prefix = re.search(r'@ConfigMapping\(prefix\s*=\s*"([^"]+)"', text)
        if prefix:
            for method in re.findall(r"^\s+[\w<>, ?]+\s+(\w+)\(\);", text, re.M):
                yield prefix.group(1) + "." + re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", method).lower()


def runtime_modules(module):
    """The module and the reactor modules it runs with (transitively, test-scoped ones left out)."""
    found = [module]
    for dependency in ET.parse(ROOT / module / "pom.xml").getroot().iter(POM + "dependency"):
        if dependency.findtext(POM + "groupId") != "org.ascolto" or dependency.findtext(POM + "scope") == "test":
            continue
        for library in (m for m in MODULES if m.name == dependency.findtext(POM + "artifactId")):
            found += [m for m in runtime_modules(library) if m not in found]
    return found


def listed_services():
    """deploy/services.txt: the modules of the platform's services, in start order."""
    lines = (ROOT / "deploy/services.txt").read_text().splitlines()
    return [pathlib.Path(line.strip()) for line in lines if line.strip() and not line.startswith("#")]


def compose_module(service):
    return pathlib.Path(service["build"].get("args", {}).get("MODULE", "?"))


def check_service(name, service):
    module = compose_module(service)
    where = f"docker-compose.yml service {name} ({module})"
    if module not in SERVICES:
        problems.append(f"{where}: builds MODULE {module}, which deploy/services.txt does not list")
        return
    if module.name != name:
        problems.append(f"{where}: named otherwise than its module")
    if pathlib.Path(service["build"]["context"]).resolve() != ROOT:
        problems.append(f"{where}: builds from {service['build']['context']}, not the repository root")
    if not (ROOT / service["build"].get("dockerfile", "Dockerfile")).exists():
        problems.append(f"{where}: no {service['build'].get('dockerfile')}")
    env = service.get("environment", {})
    port = properties(module).get("quarkus.http.port")
    published = [str(p.get("target")) if isinstance(p, dict) else str(p).split(":")[-1].split("/")[0] for p in service.get("ports", [])]
    if str(env.get("QUARKUS_HTTP_PORT")) != port or port not in published:
        problems.append(f"{where}: listens on {port} in application.properties, compose says "
                        f"QUARKUS_HTTP_PORT={env.get('QUARKUS_HTTP_PORT')} ports={published}")
    check_variables(where, module, env)
    if "healthcheck" not in service:
        problems.append(f"{where}: no healthcheck")
    for dependency, condition in service.get("depends_on", {}).items():
        if condition.get("condition") not in ("service_healthy", "service_completed_successfully"):
            problems.append(f"{where}: starts before {dependency} is healthy")


def reads_kafka_variables(module):
    """Quarkus' Kafka client extension gathers every kafka.* property and KAFKA_* variable into the settings of every
    client of the service (the default-kafka-broker map; security_matches_contract.py checks the service's own clients
    take it)."""
    return any(re.search(r"<artifactId>quarkus-(kafka-client|messaging-kafka)</artifactId>", (ROOT / d / "pom.xml").read_text())
               for d in runtime_modules(module))


def check_variables(where, module, variables):
    known = set()
    for dependency in runtime_modules(module):
        known |= {env_name(p) for p in properties(dependency)} | {env_name(p) for p in config_mapping_properties(dependency)}
    for variable in variables:
        if variable not in known and not (variable.startswith("KAFKA_") and reads_kafka_variables(module)):
            problems.append(f"{where}: sets {variable}, which no property of the module reads")


def platform_variables(container, platform):
    """The platform ConfigMap's variables, for a container that takes them (envFrom)."""
    takes = any(source.get("configMapRef", {}).get("name") == platform["metadata"]["name"] for source in container.get("envFrom", []))
    return platform["data"] if takes else {}


def check_kubernetes(resources, compose_modules):
    """Each Deployment runs a service compose runs, with variables its module reads; topics are the contract's."""
    platform = next(r for r in resources if r["kind"] == "ConfigMap" and r["metadata"]["name"].startswith("ascolto-platform"))
    deployed = set()
    for deployment in (r for r in resources if r["kind"] == "Deployment"):
        name = deployment["metadata"]["labels"]["app.kubernetes.io/name"]
        where = f"deploy/k8s Deployment {deployment['metadata']['name']}"
        deployed.add(name)
        if name not in compose_modules:
            problems.append(f"{where}: no such service in docker-compose.yml")
            continue
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        env = container.get("env", [])
        # a variable only other variables read ($(POD_IP) in an address) is no setting of the module
        settings = [e["name"] for e in env if not any(f"$({e['name']})" in str(o.get("value", "")) for o in env)]
        check_variables(where, compose_modules[name], settings + list(platform_variables(container, platform)))
        probes = {container.get(p, {}).get("httpGet", {}).get("path") for p in ("livenessProbe", "readinessProbe")}
        if probes != {"/q/health/live", "/q/health/ready"}:
            problems.append(f"{where}: probes {probes}, expected /q/health/live and /q/health/ready")
    for missing in set(compose_modules) - deployed:
        problems.append(f"deploy/k8s: no Deployment of {missing}")
    topics = {r["metadata"]["name"] for r in resources if r["kind"] == "KafkaTopic"}
    if topics != contract_topics():
        problems.append(f"deploy/k8s creates topics {sorted(topics)}, contracts/Topics.java names {sorted(contract_topics())}")


def contract_topics():
    return set(re.findall(r'=\s*"([\w.-]+)";', (ROOT / "contracts/src/main/java/org/ascolto/contracts/Topics.java").read_text()))


def check_topics(compose):
    contract = contract_topics()
    created = set(re.findall(r"^\s*create\s+([\w.-]+)", " ".join(compose["services"]["kafka-init"]["command"]), re.M))
    if contract != created:
        problems.append(f"docker-compose.yml kafka-init creates {sorted(created)}, contracts/Topics.java names {sorted(contract)}")


def check_mounts(compose):
    for name, service in compose["services"].items():
        for volume in service.get("volumes", []):
            source = volume.get("source") if isinstance(volume, dict) else volume.split(":")[0]
            if source.startswith("/") and not pathlib.Path(source).exists():
                problems.append(f"docker-compose.yml service {name}: mounts {source}, which does not exist")


def check_prometheus_targets(compose):
    """Every service is scraped, and every target Prometheus scrapes is a compose service on its management port."""
    config = ROOT / "deploy/prometheus/prometheus.yml"
    scraped = set()
    for job in yaml.safe_load(config.read_text()).get("scrape_configs", []):
        for static in job.get("static_configs", []):
            for target in static.get("targets", []):
                scraped.add(target.rsplit(":", 1)[0])
                host, port = target.rsplit(":", 1)
                service = compose["services"].get(host)
                if service is None:
                    problems.append(f"deploy/prometheus/prometheus.yml scrapes {target}: no such service")
                elif str(service.get("environment", {}).get("QUARKUS_MANAGEMENT_PORT")) != port:
                    problems.append(f"deploy/prometheus/prometheus.yml scrapes {target}: {host}'s metrics are on "
                                    f"{service.get('environment', {}).get('QUARKUS_MANAGEMENT_PORT')}")
    for missing in {module.name for module in SERVICES} - scraped:
        problems.append(f"deploy/prometheus/prometheus.yml does not scrape {missing}")


def check_consumers_may_wait(module):
    """A consumer waits out its dependencies, however long (house style); SmallRye's throttled commit would fail the
    channel for good once a record waits unacknowledged longer than 60 s, unless the limit is lifted."""
    props = properties(module)
    for key, value in props.items():
        channel = re.fullmatch(r"mp\.messaging\.incoming\.([\w-]+)\.connector", key)
        if not channel or value != "smallrye-kafka":
            continue
        prefix = f"mp.messaging.incoming.{channel.group(1)}."
        if props.get(prefix + "commit-strategy") != "ignore" and props.get(prefix + "throttled.unprocessed-record-max-age.ms") != "0":
            problems.append(f"{module}: incoming channel {channel.group(1)} keeps SmallRye's 60 s limit on an unacknowledged "
                            f"record, which fails the channel while it waits out a dependency: set "
                            f"{prefix}throttled.unprocessed-record-max-age.ms=0")


MODULES = list(reactor_modules())
SERVICES = listed_services()


def main():
    for module in MODULES:
        if is_quarkus_service(module) and module not in SERVICES:
            problems.append(f"module {module} is a service but deploy/services.txt does not list it")
    for module in SERVICES:
        if module not in MODULES or not is_quarkus_service(module):
            problems.append(f"deploy/services.txt lists {module}, which is not a Quarkus module of the Maven build")
    compose = yaml.safe_load(pathlib.Path(sys.argv[1]).read_text())
    built = {name: s for name, s in compose["services"].items() if "build" in s}
    for name, service in built.items():
        check_service(name, service)
    for module in set(SERVICES) - {compose_module(s) for s in built.values()}:
        problems.append(f"docker-compose.yml does not run {module}")
    for module in SERVICES:
        check_consumers_may_wait(module)
    check_topics(compose)
    check_mounts(compose)
    check_prometheus_targets(compose)
    check_kubernetes([r for r in yaml.safe_load_all(pathlib.Path(sys.argv[2]).read_text()) if r],
                     {name: compose_module(s) for name, s in built.items()})

    for problem in problems:
        print("deploy/check:", problem, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
