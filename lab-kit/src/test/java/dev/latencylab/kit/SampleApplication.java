package dev.latencylab.kit;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application that uses lab-kit, for the library's own tests. No component
 * scan: lab-kit's beans come from its auto-configuration, as in a real service.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SampleApplication {

}
