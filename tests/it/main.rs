//! The one integration-test binary: drives Spotlight the way its users do.

mod architecture;
mod console;
mod manifest;
mod publications;
mod publishing;
mod readme;
mod slack;
mod slack_sim;
mod usage;
