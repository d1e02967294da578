"""web: the local web app (``actorgraph serve``)."""
