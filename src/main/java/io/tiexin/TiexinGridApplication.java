package io.tiexin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TiexinGridApplication {

	public static void main(String[] args) {
		SpringApplication.run(TiexinGridApplication.class, args);
	}

}
