package org.govchain.subchains.pull;

import org.govchain.core.state.StateReader;
import org.govchain.subchains.ChainKind;

/** Read-only views of the five chains, each at one consistent height (a snapshot). */
public record ChainViews(
    StateReader license,
    StateReader identity,
    StateReader consent,
    StateReader catalog,
    StateReader service) {
  public StateReader of(ChainKind kind) {
    return switch (kind) {
      case LICENSE -> license;
      case IDENTITY -> identity;
      case CONSENT -> consent;
      case CATALOG -> catalog;
      case SERVICE -> service;
    };
  }
}
