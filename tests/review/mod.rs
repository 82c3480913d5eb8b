//! The envelope → bundle → reviewer path, through the library and the `amana-review` binary.

mod cli;
mod failures;
mod fuzz_seeds;
mod go_age;
mod messages;
mod props;
mod refusals;
mod replies;
mod roundtrip;
mod testkit;
mod tools;
mod vectors;
