//! The one integration-test binary: drives Spotlight the way its users do.

mod architecture;
mod chatter;
mod chatter_standin;
mod console;
mod destinations;
mod email;
mod fuzz;
mod helpers;
mod languages;
mod manifest;
mod pages;
mod publications;
mod publishing;
mod readme;
mod slack;
mod slack_conversation;
mod slack_faults;
mod slack_files;
mod slack_forget;
mod slack_pictures;
mod slack_poster;
mod slack_requests;
mod slack_sim;
mod smtp_sink;
mod traces;
mod usage;
