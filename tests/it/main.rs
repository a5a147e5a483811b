//! The one integration-test binary: drives Spotlight the way its users do.

mod console;
mod readme;
mod slack_sim;
