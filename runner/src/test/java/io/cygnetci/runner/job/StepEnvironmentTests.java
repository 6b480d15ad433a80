package io.cygnetci.runner.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepEnvironmentTests {

    @Test
    void whenNamesClashThenParametersBeatTheStepWhichBeatsTheRunnerAndTheCiVariablesBeatAll() {
        Job.Step step = new Job.Step(1, "Test", "make test", 60, false,
                Map.of("TARGET", "from-step", "GOFLAGS", "-mod=vendor", "CI", "no"));
        Job job = TestJobs.job(List.of(TestJobs.step(0, "Build", "make"), step),
                List.of(new Job.Parameter("TARGET", "staging", false), new Job.Parameter("API_KEY", "k", true)));

        Map<String, String> env = StepEnvironment.of(Map.of("PATH", "/usr/bin", "TARGET", "from-runner",
                "GOFLAGS", "-x", "CYGNETCI_REGISTRATION_TOKEN", "cygreg_secret"), job, step, Path.of("/w/ws"));

        assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("TARGET", "staging")
                .containsEntry("GOFLAGS", "-mod=vendor").containsEntry("API_KEY", "k").containsEntry("CI", "true")
                .containsEntry("CYGNETCI", "true").containsEntry("CYGNETCI_EXECUTION_ID", job.executionId().toString())
                .containsEntry("CYGNETCI_EXECUTION_NUMBER", "7")
                .containsEntry("CYGNETCI_PIPELINE_ID", job.pipelineId().toString())
                .containsEntry("CYGNETCI_PIPELINE_NAME", "Build API Service")
                .containsEntry("CYGNETCI_TENANT", "acme-corp")
                .containsEntry("CYGNETCI_STEP_NAME", "Test").containsEntry("CYGNETCI_STEP_INDEX", "1")
                .containsEntry("CYGNETCI_REPOSITORY", "https://git.example/api.git")
                .containsEntry("CYGNETCI_REF", "main").containsEntry("CYGNETCI_WORKSPACE", "/w/ws")
                .doesNotContainKey("CYGNETCI_REGISTRATION_TOKEN");
    }

    @Test
    void whenTheJobHasNoRepositoryOrRefThenTheirVariablesAreNotSet() {
        UUID id = UUID.randomUUID();
        Job.Step step = TestJobs.step(0, "Build", "make");
        Job job = new Job(id, id, 1, UUID.randomUUID(), "P", UUID.randomUUID(), "t", null, null, List.of(),
                List.of(step), 0, false);

        Map<String, String> env = StepEnvironment.of(Map.of("CYGNETCI_REF", "inherited"), job, step, Path.of("/w"));

        assertThat(env).doesNotContainKeys("CYGNETCI_REPOSITORY", "CYGNETCI_REF");
    }
}
