//! The one integration-test binary: drives Spotlight the way its users do.

mod architecture;
mod console;
mod readme;
mod slack_sim;
