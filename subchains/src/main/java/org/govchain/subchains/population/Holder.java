package org.govchain.subchains.population;

import java.time.LocalDate;
import org.govchain.core.crypto.Hash;
import org.govchain.subchains.proto.HolderCodeType;

/**
 * A synthetic licence holder: a citizen (holder code = ID number) or an enterprise (holder code =
 * credit code), with the personal data its licences' items are filled from. The data are synthetic;
 * codes have valid check characters.
 *
 * @param index the holder's index in its generated population
 * @param code ID number or credit code
 * @param holder the keyed hash of the code, as it appears on the chains
 * @param name a person's name, or an enterprise's
 * @param birthDate for a citizen; the establishment date for an enterprise
 * @param male for a citizen
 * @param address domicile
 */
public record Holder(
    long index,
    HolderCodeType codeType,
    String code,
    Hash holder,
    String name,
    LocalDate birthDate,
    boolean male,
    String address) {
  public boolean isCitizen() {
    return codeType == HolderCodeType.CITIZEN_ID_NUMBER;
  }

  @Override
  public String toString() {
    return (isCitizen() ? "Citizen[" : "Enterprise[") + index + "]";
  }
}
