//! Signals read from a message: sentiment (and later urgency and complaint).
