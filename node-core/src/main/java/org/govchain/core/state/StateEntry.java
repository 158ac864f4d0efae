package org.govchain.core.state;

import com.google.protobuf.ByteString;

/** One key and its value. */
public record StateEntry(ByteString key, ByteString value) {}
