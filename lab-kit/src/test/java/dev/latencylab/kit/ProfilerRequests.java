package dev.latencylab.kit;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Calls of the profiler endpoints in the web tests, with the tests' admin token.
 */
final class ProfilerRequests {

	private ProfilerRequests() {
	}

	static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer s3cret");
	}

	/**
	 * @return the body of a 200 answer to a GET of the path
	 */
	static String text(MockMvc mvc, String path) throws Exception {
		return mvc.perform(admin(get(path))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	/**
	 * @return how many captures the service keeps
	 */
	static int kept(MockMvc mvc, JsonMapper json) throws Exception {
		return json.readTree(text(mvc, "/admin/profiler/captures")).size();
	}

}
