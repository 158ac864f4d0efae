package org.govchain.pbft;

import java.util.List;

/**
 * The result of one {@link Replica#step}: actions to carry out in order. If the list holds a {@link
 * Action.Persist}, it is first.
 */
public record Ready(List<Action> actions) {
  public Ready {
    actions = List.copyOf(actions);
  }

  public boolean isEmpty() {
    return actions.isEmpty();
  }
}
