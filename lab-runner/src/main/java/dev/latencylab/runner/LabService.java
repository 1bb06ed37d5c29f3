package dev.latencylab.runner;

/**
 * The applications of the lab, in the order they are listed to a person.
 */
public enum LabService {

	GATEWAY("gateway", "gateway", 8080),

	CHECKOUT("checkout-service", "checkout-service", 8081),

	INVENTORY("inventory-service", "inventory-service", 8082),

	PAYMENT("payment-service", "payment-service", 8083),

	FRAUD("fraud-service", "fraud-service", 8084);

	private final String serviceName;

	private final String module;

	private final int defaultPort;

	LabService(String serviceName, String module, int defaultPort) {
		this.serviceName = serviceName;
		this.module = module;
		this.defaultPort = defaultPort;
	}

	public String serviceName() {
		return this.serviceName;
	}

	/**
	 * @return the Maven module that builds it; its jar is
	 * {@code <module>/target/<module>.jar}
	 */
	public String module() {
		return this.module;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

}
