package dev.latencylab.kit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application that uses lab-kit, for the library's own tests.
 */
@SpringBootApplication
class SampleApplication {

}
