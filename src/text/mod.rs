//! Text to tokens, in one pass.
