package org.govchain.node.audit;

import org.govchain.core.chain.ChainId;

/** The first inconsistency a replay found: which chain, which height, what, and why. */
public final class ReplayException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient ChainId chain;
  private final long height;
  private final ReplayProblem problem;
  private final String reason;

  public ReplayException(ChainId chain, long height, ReplayProblem problem, String reason) {
    super("chain " + chain + ", height " + height + ": " + problem + ": " + reason);
    this.chain = chain;
    this.height = height;
    this.problem = problem;
    this.reason = reason;
  }

  public ChainId chain() {
    return chain;
  }

  public long height() {
    return height;
  }

  public ReplayProblem problem() {
    return problem;
  }

  public String reason() {
    return reason;
  }
}
