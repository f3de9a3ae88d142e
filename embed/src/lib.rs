//! What runs inside an embed frame, on our origin, when another site frames one of our
//! widgets.

pub mod frame;
