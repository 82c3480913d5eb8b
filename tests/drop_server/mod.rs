//! The drop server (`amana-drop`): pages, limits, storage, export, and the real binary.

mod support;

mod binary;
mod browser;
mod crash;
mod export;
mod limits;
mod messages;
mod pages;
mod replies;
mod store;
