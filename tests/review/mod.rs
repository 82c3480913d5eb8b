//! The envelope → bundle → reviewer path, through the library and the `amana-review` binary.

mod replies;
mod roundtrip;
mod vectors;
