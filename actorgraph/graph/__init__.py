"""actorgraph.graph"""
