package dev.latencylab.kit;

import java.time.Clock;

import dev.latencylab.kit.internal.AdminTokenFilter;
import dev.latencylab.kit.internal.LabExceptionHandler;
import dev.latencylab.kit.internal.RequestBodyLimitFilter;
import dev.latencylab.kit.internal.RequestIdFilter;
import dev.latencylab.kit.internal.StrictJson;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Plugs lab-kit into a servlet service: problem details for every error, request ids,
 * body size limit, request bodies read strictly and admin token check.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@EnableConfigurationProperties(LabKitProperties.class)
public class LabKitAutoConfiguration {

	/**
	 * The one source of "now" in a service, so that tests move time (reservations that
	 * expire, a velocity window, card expiries) instead of waiting for it.
	 * @return the system clock in UTC
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	LabExceptionHandler labExceptionHandler() {
		return new LabExceptionHandler();
	}

	/**
	 * Request bodies are read without coercing scalars ({@code "quantity": "1"},
	 * {@code "customerId": true}, a card number as a JSON number are 400s); after Spring
	 * Boot's own customizer, which it replaces for the server side only: what the service
	 * reads from others (Prometheus, Zipkin, a downstream) keeps the usual mapper.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer labStrictJsonConverter(JsonMapper jsonMapper) {
		JsonMapper strict = StrictJson.from(jsonMapper);
		return (builder) -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> labRequestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> labRequestBodyLimitFilter(LabKitProperties properties,
			JsonMapper jsonMapper) {
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.http().maxBodySize(), jsonMapper));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<AdminTokenFilter> labAdminTokenFilter(LabKitProperties properties, JsonMapper jsonMapper) {
		FilterRegistrationBean<AdminTokenFilter> registration = new FilterRegistrationBean<>(
				new AdminTokenFilter(properties.admin().token(), jsonMapper));
		registration.addUrlPatterns("/admin/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
