package io.cygnetci.runner.job;

/**
 * What the job side needs from the runner's registration and heartbeat loop: the credential to call the server
 * with (it changes when the runner registers again), and whether to take new jobs.
 */
public interface AgentSession {

    /** The agent's credential now, or null while the runner is not registered. */
    String credential();

    /** Registered, the credential accepted by a heartbeat, and not paused by an admin. */
    boolean takingWork();

    /**
     * A jobs call was answered 401 with this credential: have it checked by a heartbeat soon, which registers
     * again if agent-service refuses it too.
     */
    void credentialRefused(String credential);
}
