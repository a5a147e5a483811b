//! The one integration-test binary: drives Spotlight the way its users do.

mod slack_sim;
