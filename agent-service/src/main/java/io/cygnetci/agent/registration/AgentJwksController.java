package io.cygnetci.agent.registration;

import java.util.Map;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public key of agent credentials, for the gateway (a trusted issuer there). */
@RestController
class AgentJwksController {

    private final AgentCredentials credentials;

    AgentJwksController(AgentCredentials credentials) {
        this.credentials = credentials;
    }

    @GetMapping("/.well-known/agent-jwks.json")
    @SecurityRequirements
    Map<String, Object> jwks() {
        return credentials.jwks();
    }
}
