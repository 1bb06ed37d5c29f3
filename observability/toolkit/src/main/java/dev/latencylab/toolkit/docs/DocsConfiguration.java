package dev.latencylab.toolkit.docs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.latencylab.toolkit.ToolkitProperties;

/**
 * The documentation pages, from {@code toolkit.docs.directory}.
 */
@Configuration(proxyBeanMethods = false)
class DocsConfiguration {

	@Bean
	RepositoryDocs repositoryDocs(ToolkitProperties properties) {
		return new RepositoryDocs(properties.docs().directory());
	}

	@Bean
	MarkdownPages markdownPages() {
		return new MarkdownPages();
	}

}
