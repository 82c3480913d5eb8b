mod review;
mod support;
