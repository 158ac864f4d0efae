package org.govchain.node.vault;

import org.govchain.core.state.StateReader;

/**
 * The chains a release is checked against, each at one committed height: the identity chain
 * (requester key → terminal or department), the consent chain (the access record and its grants)
 * and the licence chain (the licence, its status and commitments).
 */
public record ReleaseViews(StateReader identity, StateReader consent, StateReader license) {}
