package org.govchain.subchains;

import java.util.Optional;
import java.util.regex.Pattern;
import org.govchain.core.MalformedInputException;
import org.govchain.core.chain.ChainId;

/**
 * A govchain network's name, from which its five chain ids follow: {@code <network>-<kind>}, e.g.
 * {@code haidian-license}, {@code haidian-identity}, {@code haidian-consent}, {@code
 * haidian-catalog}, {@code haidian-service}.
 */
public record Network(String name) {
  /** Room for "-identity" within node-core's 64-character chain ids. */
  public static final int MAX_NAME_LENGTH = 55;

  private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{0,54}");

  public Network {
    if (!FORM.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid network name '" + name + "'");
    }
  }

  public static Network parse(String text) throws MalformedInputException {
    if (text.length() > MAX_NAME_LENGTH || !FORM.matcher(text).matches()) {
      throw new MalformedInputException(
          "a network name is lower-case letters, digits and '-', starting with a letter, at most "
              + MAX_NAME_LENGTH);
    }
    return new Network(text);
  }

  public ChainId chainId(ChainKind kind) {
    return new ChainId(name + "-" + kind.suffix());
  }

  /** Which of this network's chains {@code chainId} is, if any. */
  public Optional<ChainKind> kindOf(ChainId chainId) {
    for (ChainKind kind : ChainKind.values()) {
      if (chainId(kind).equals(chainId)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
