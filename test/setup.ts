// React's act() only works quietly when the environment says so (ink-stack-notes gotcha 7).
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;
