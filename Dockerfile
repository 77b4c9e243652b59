# Binder / repo2docker image: Debian bookworm, JDK 17, Maven, Debian's Jupyter, aelab built and IJava 1.3.0 as the
# `java` kernel with aelab on its classpath. Every step calls the scripts CI runs (scripts/install-system-deps.sh,
# ./aelab build, ./aelab kernel), so CI tests what the image does.
#   docker build -t aelab . && docker run --rm -p 8888:8888 aelab
FROM debian:bookworm

ARG NB_USER=jovyan
ARG NB_UID=1000
ENV USER=${NB_USER} \
    NB_UID=${NB_UID} \
    HOME=/home/${NB_USER} \
    LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive

RUN useradd --create-home --shell /bin/bash --uid ${NB_UID} ${NB_USER}

# System packages (JDK 17, Maven, jupyter-nbconvert, python3-nbclient, jupyter-notebook) as root, with the same
# script as ./aelab and .ci/run; copied alone first so that this layer is cached across source changes.
COPY scripts/install-system-deps.sh /tmp/install-system-deps.sh
RUN bash /tmp/install-system-deps.sh && rm -rf /var/lib/apt/lists/* /tmp/install-system-deps.sh

# IJava 1.3.0 release zip (installed below by ./aelab kernel --ijava).
ADD --chown=1000:1000 https://github.com/SpencerPark/IJava/releases/download/v1.3.0/ijava-1.3.0.zip /opt/ijava/ijava-1.3.0.zip

COPY --chown=1000:1000 . ${HOME}
WORKDIR ${HOME}
USER ${NB_USER}

# Build the library (aelab-core/target/aelab-core.jar and its lib/) and install the `java` kernelspec for jovyan
# (~/.local/share/jupyter/kernels/java) with IJava 1.3.0 and aelab on IJAVA_CLASSPATH.
RUN ./aelab build && ./aelab kernel --ijava /opt/ijava/ijava-1.3.0.zip

EXPOSE 8888
CMD ["./aelab", "lab", "--ip", "0.0.0.0", "--port", "8888"]
