package io.tiexin.mobile;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.server.MimeMappings;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the phone page: {@code /m/} is its {@code index.html}, and every file under
 * {@code /m/} is sent {@code Cache-Control: no-cache}, so a phone revalidates (a 304 when
 * nothing changed) instead of running yesterday's script; its service worker
 * ({@code /m/sw.js}, scope {@code /m/}) keeps the copies that load with no signal. The
 * page's Content-Security-Policy allows this host only: no inline script, no eval.
 */
@Configuration(proxyBeanMethods = false)
class MobilePageConfiguration implements WebMvcConfigurer {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
			+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/**
	 * The manifest's own type, which browsers expect and servlet containers do not know.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> webManifestType() {
		return factory -> factory.addMimeMappings(new MimeMappings(Map.of("webmanifest", "application/manifest+json")));
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/m", "/m/");
		registry.addViewController("/m/").setViewName("forward:/m/index.html");
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/m/**")
			.addResourceLocations("classpath:/static/m/")
			.setCacheControl(CacheControl.noCache());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				return true;
			}

		}).addPathPatterns("/m", "/m/", "/m/**");
	}

}
