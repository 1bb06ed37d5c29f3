package dev.latencylab.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a kustomization renders, each document read twice: into its Kubernetes type with
 * the fabric8 model (a custom resource without a model as
 * {@link GenericKubernetesResource}), and as plain YAML.
 *
 * @param resources the documents as fabric8 reads them, in order
 * @param yaml the same documents as plain YAML mappings
 */
record Manifests(List<HasMetadata> resources, List<Map<String, Object>> yaml) {

	/**
	 * @param rendered the output of {@code kubectl kustomize}
	 * @return its documents
	 * @throws IllegalArgumentException if a document is not a Kubernetes object
	 */
	static Manifests parse(String rendered) {
		List<HasMetadata> resources = new ArrayList<>();
		List<Map<String, Object>> yaml = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			if (document.isBlank()) {
				continue;
			}
			KubernetesResource resource = Serialization.unmarshal(document);
			if (!(resource instanceof HasMetadata object)) {
				throw new IllegalArgumentException("not a Kubernetes object: " + document);
			}
			resources.add(object);
			yaml.add(new Yaml(new SafeConstructor(new LoaderOptions())).load(document));
		}
		return new Manifests(List.copyOf(resources), List.copyOf(yaml));
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((resource) -> resource.getMetadata().getName().equals(name)).findFirst();
	}

	List<GenericKubernetesResource> custom(String kind) {
		return all(GenericKubernetesResource.class).stream()
			.filter((resource) -> kind.equals(resource.getKind()))
			.toList();
	}

	/**
	 * @return the Deployments and StatefulSets by name, with their pod templates
	 */
	Map<String, PodTemplateSpec> workloads() {
		Map<String, PodTemplateSpec> workloads = new java.util.LinkedHashMap<>();
		all(Deployment.class).forEach((d) -> workloads.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
		all(StatefulSet.class).forEach((s) -> workloads.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
		return workloads;
	}

	Optional<Container> container(String workload) {
		PodTemplateSpec template = workloads().get(workload);
		return (template != null) ? template.getSpec().getContainers().stream().findFirst() : Optional.empty();
	}

	/**
	 * @param labels a pod template's labels
	 * @return the Services whose selector they match
	 */
	List<Service> servicesSelecting(Map<String, String> labels) {
		return all(Service.class).stream()
			.filter((service) -> service.getSpec().getSelector() != null && !service.getSpec().getSelector().isEmpty()
					&& labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()))
			.toList();
	}

}
