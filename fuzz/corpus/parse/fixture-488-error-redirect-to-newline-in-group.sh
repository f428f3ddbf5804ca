{ echo >
}
